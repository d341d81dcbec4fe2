package dev.aegan.contracts;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every platform topic is provisioned with intent: nothing is left to a broker's defaults but replication. */
class TopicDefinitionsTest {
    private static final int SIXTEEN_MIB = 16_777_216;
    private static final String WEEK_MS = "604800000";
    private static final String THIRTY_DAYS_MS = "2592000000";

    @Test
    void everyTopicHasExactlyOneDefinitionAndEveryDefinitionIsATopic() {
        List<String> defined = TopicDefinitions.ALL.stream().map(TopicDefinition::name).toList();
        assertEquals(Set.copyOf(Topics.ALL), Set.copyOf(defined));
        assertEquals(defined.size(), Set.copyOf(defined).size(), "a topic defined twice: " + defined);
        Topics.ALL.forEach(name -> assertEquals(name, TopicDefinitions.of(name).name()));
    }

    @Test
    void stateTopicsKeepEveryRecordAndAreNeverCompacted() {
        for (String name : List.of(Topics.DATASET_BATCHES, Topics.DATASET_EVENTS, Topics.RUN_REQUESTS, Topics.RUN_EVENTS,
                Topics.TRAINING_METRICS, Topics.CHECKPOINTS, Topics.EVALUATIONS)) {
            Map<String, String> configs = TopicDefinitions.of(name).configs();
            assertEquals("delete", configs.get(TopicConfig.CLEANUP_POLICY_CONFIG), name);
            assertEquals("-1", configs.get(TopicConfig.RETENTION_MS_CONFIG), name);
            assertEquals("-1", configs.get(TopicConfig.RETENTION_BYTES_CONFIG), name);
        }
    }

    @Test
    void inputQueuesHaveBoundedRetention() {
        assertEquals(WEEK_MS, TopicDefinitions.of(Topics.INGEST_IMAGES).configs().get(TopicConfig.RETENTION_MS_CONFIG));
        assertEquals(THIRTY_DAYS_MS, TopicDefinitions.of(Topics.INGEST_DEAD_LETTER).configs().get(TopicConfig.RETENTION_MS_CONFIG));
        assertEquals("delete", TopicDefinitions.of(Topics.INGEST_IMAGES).configs().get(TopicConfig.CLEANUP_POLICY_CONFIG));
        assertEquals("delete", TopicDefinitions.of(Topics.INGEST_DEAD_LETTER).configs().get(TopicConfig.CLEANUP_POLICY_CONFIG));
    }

    @Test
    void topicsCarryingImagesTakeIngestsLargestRecord() {
        Set<String> imageTopics = Set.of(Topics.INGEST_IMAGES, Topics.DATASET_BATCHES, Topics.INGEST_DEAD_LETTER);
        Set<String> withLargeRecords = TopicDefinitions.ALL.stream()
                .filter(topic -> topic.configs().containsKey(TopicConfig.MAX_MESSAGE_BYTES_CONFIG))
                .map(TopicDefinition::name).collect(Collectors.toSet());
        assertEquals(imageTopics, withLargeRecords);
        imageTopics.forEach(name -> assertEquals(Integer.toString(SIXTEEN_MIB),
                TopicDefinitions.of(name).configs().get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), name));
    }

    @Test
    void theWorkQueueHasRoomForSeveralTrainersAndTheRestOnePartition() {
        assertEquals(8, TopicDefinitions.of(Topics.RUN_REQUESTS).partitions());
        TopicDefinitions.ALL.stream().filter(topic -> !topic.name().equals(Topics.RUN_REQUESTS))
                .forEach(topic -> assertEquals(1, topic.partitions(), topic.name()));
        TopicDefinitions.ALL.forEach(topic -> assertEquals(TopicDefinition.BROKER_DEFAULT_REPLICATION_FACTOR,
                topic.replicationFactor(), topic.name()));
    }

    @Test
    void overridesChangeOnlyWhatTheyName() {
        TopicDefinition queue = TopicDefinitions.of(Topics.RUN_REQUESTS);
        TopicDefinition changed = queue.withPartitions(16).withReplicationFactor((short) 3).withRetentionMs(86_400_000L);
        assertEquals(16, changed.partitions());
        assertEquals(3, changed.replicationFactor());
        assertEquals(86_400_000L, changed.retentionMs());
        assertEquals(queue.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG), changed.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG));
        assertEquals(-1L, queue.retentionMs(), "the shared definition is untouched");
    }

    @Test
    void impossibleSettingsAreRefusedNamingTheTopic() {
        TopicDefinition queue = TopicDefinitions.of(Topics.RUN_REQUESTS);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> queue.withPartitions(0)).getMessage()
                .contains(Topics.RUN_REQUESTS));
        assertThrows(IllegalArgumentException.class, () -> queue.withReplicationFactor((short) 0));
        assertThrows(IllegalArgumentException.class, () -> queue.withRetentionMs(0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TopicDefinitions.of("run.requests")).getMessage()
                .contains(Topics.RUN_REQUESTS));
    }
}
