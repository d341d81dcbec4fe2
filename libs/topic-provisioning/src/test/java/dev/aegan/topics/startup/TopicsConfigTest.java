package dev.aegan.topics.startup;

import dev.aegan.contracts.TopicDefinition;
import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.contracts.Topics;
import dev.aegan.topics.ProvisioningMode;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** aegan.topics.* as README documents it: defaults, per-topic overrides, and a misspelt topic refused. */
class TopicsConfigTest {

    private static TopicsConfig config(Map<String, String> properties) {
        return build(new PropertiesConfigSource(properties, "test", 300));
    }

    /** As Quarkus reads it, durations such as {@code 60s} included. */
    private static TopicsConfig build(ConfigSource source) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(TopicsConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(source)
                .build();
        return config.getConfigMapping(TopicsConfig.class);
    }

    @Test
    void withoutSettingsServicesCreateTheDefinedTopicsAndLetTheBrokerReplicate() {
        TopicsConfig config = config(Map.of());
        assertEquals(ProvisioningMode.CREATE, config.provisioning());
        assertEquals(Duration.ofSeconds(60), config.brokerTimeout());
        assertEquals(TopicDefinitions.ALL, config.definitions());
    }

    @Test
    void overridesReachOnlyTheTopicTheyName() {
        TopicsConfig config = config(Map.of(
                "aegan.topics.provisioning", "verify",
                "aegan.topics.replication-factor", "3",
                "aegan.topics.broker-timeout", "5m",
                "aegan.topics.\"runs.requests\".partitions", "16",
                "aegan.topics.\"ingest.images\".retention-ms", "86400000"));
        assertEquals(ProvisioningMode.VERIFY, config.provisioning());
        assertEquals(Duration.ofMinutes(5), config.brokerTimeout());
        for (TopicDefinition topic : config.definitions()) {
            TopicDefinition defined = TopicDefinitions.of(topic.name());
            assertEquals(3, topic.replicationFactor(), topic.name());
            assertEquals(topic.name().equals(Topics.RUN_REQUESTS) ? 16 : defined.partitions(), topic.partitions(), topic.name());
            assertEquals(topic.name().equals(Topics.INGEST_IMAGES) ? 86_400_000L : defined.retentionMs(), topic.retentionMs(),
                    topic.name());
        }
    }

    @Test
    void environmentVariablesReachATopicToo() {
        TopicsConfig config = build(new EnvConfigSource(Map.of("AEGAN_TOPICS__RUNS_REQUESTS__PARTITIONS", "12"), 300));
        assertEquals(12, config.definitions().stream()
                .filter(t -> t.name().equals(Topics.RUN_REQUESTS)).findFirst().orElseThrow().partitions());
    }

    @Test
    void aSettingForATopicThatDoesNotExistIsRefusedWithItsKey() {
        TopicsConfig config = config(Map.of("aegan.topics.\"run.requests\".partitions", "16"));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, config::definitions);
        assertTrue(refused.getMessage().contains("aegan.topics.\"run.requests\"")
                && refused.getMessage().contains(Topics.RUN_REQUESTS), refused.getMessage());
    }
}
