package dev.aegan.contracts;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The services' channels read and write the topics they did when each service's properties named them. */
class ChannelTopicConfigSourceTest {
    private final ConfigSource source = new ChannelTopicConfigSource();

    /** The {@code .topic} lines the services' {@code application.properties} held before this source. */
    private static final String FORMER_TOPIC_LINES = """
            mp.messaging.incoming.ingest-images-in.topic=ingest.images
            mp.messaging.outgoing.dataset-batches-out.topic=datasets.batches
            mp.messaging.incoming.run-requests-in.topic=runs.requests
            mp.messaging.outgoing.run-requests-out.topic=runs.requests
            mp.messaging.outgoing.run-events-out.topic=runs.events
            mp.messaging.incoming.run-events-in.topic=runs.events
            mp.messaging.outgoing.training-metrics-out.topic=training.metrics
            mp.messaging.incoming.training-metrics-in.topic=training.metrics
            mp.messaging.outgoing.checkpoints-out.topic=checkpoints
            mp.messaging.incoming.checkpoints-in.topic=checkpoints
            mp.messaging.outgoing.evaluations-out.topic=evaluations
            mp.messaging.incoming.evaluations-in.topic=evaluations
            mp.messaging.incoming.dataset-events-in.topic=datasets.events
            mp.messaging.incoming.ingest-dead-letter-in.topic=ingest.dead-letter
            """;

    @Test
    void eachChannelOfTheServicesGetsTheTopicItsPropertiesNamed() {
        FORMER_TOPIC_LINES.lines().map(line -> line.split("=", 2))
                .forEach(keyAndTopic -> assertEquals(keyAndTopic[1], source.getValue(keyAndTopic[0]), keyAndTopic[0]));
    }

    @Test
    void everyChannelNamesAPlatformTopic() {
        Channels.all().forEach(channel -> assertTrue(Topics.ALL.contains(Channels.topicOf(channel).orElseThrow()), channel));
    }

    @Test
    void answersNothingElse() {
        assertNull(source.getValue("mp.messaging.incoming.run-requests-in.group.id"));
        assertNull(source.getValue("mp.messaging.incoming.someone-elses-channel.topic"));
        assertNull(source.getValue("%test.mp.messaging.incoming.run-requests-in.topic"));
        assertNull(source.getValue("kafka.topic"));
        // listing names would declare every platform channel in every service
        assertTrue(source.getPropertyNames().isEmpty());
    }

    @Test
    void ranksBelowApplicationPropertiesAndIsFoundAsAService() {
        assertTrue(source.getOrdinal() < 250);
        assertTrue(ServiceLoader.load(ConfigSource.class).stream()
                .anyMatch(provider -> provider.type() == ChannelTopicConfigSource.class));
    }
}
