package dev.aegan.contracts;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The services' channels read and write the topics they did when each service's properties named them. */
class ChannelTopicConfigSourceTest {
    private final ConfigSource source = new ChannelTopicConfigSource();

    @Test
    void eachChannelOfTheServicesGetsItsTopic() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("mp.messaging.incoming.ingest-images-in.topic", "ingest.images"),
                Map.entry("mp.messaging.outgoing.dataset-batches-out.topic", "datasets.batches"),
                Map.entry("mp.messaging.incoming.run-requests-in.topic", "runs.requests"),
                Map.entry("mp.messaging.outgoing.run-requests-out.topic", "runs.requests"),
                Map.entry("mp.messaging.outgoing.run-events-out.topic", "runs.events"),
                Map.entry("mp.messaging.incoming.run-events-in.topic", "runs.events"),
                Map.entry("mp.messaging.outgoing.training-metrics-out.topic", "training.metrics"),
                Map.entry("mp.messaging.incoming.training-metrics-in.topic", "training.metrics"),
                Map.entry("mp.messaging.outgoing.checkpoints-out.topic", "checkpoints"),
                Map.entry("mp.messaging.incoming.checkpoints-in.topic", "checkpoints"),
                Map.entry("mp.messaging.outgoing.evaluations-out.topic", "evaluations"),
                Map.entry("mp.messaging.incoming.evaluations-in.topic", "evaluations"),
                Map.entry("mp.messaging.incoming.dataset-events-in.topic", "datasets.events"),
                Map.entry("mp.messaging.incoming.ingest-dead-letter-in.topic", "ingest.dead-letter"));
        expected.forEach((key, topic) -> assertEquals(topic, source.getValue(key), key));
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
