package dev.aegan.topics.startup;

import dev.aegan.contracts.TopicDefinition;
import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.topics.ProvisioningMode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** What every service does about the platform's topics at start: {@code aegan.topics.*}. */
@ConfigMapping(prefix = "aegan.topics")
public interface TopicsConfig {

    /** {@code create} (missing topics, differing configs), {@code verify} (fail start instead) or {@code off}. */
    @WithDefault("create")
    ProvisioningMode provisioning();

    /** Replication factor of topics a service creates; -1 leaves it to the broker's {@code default.replication.factor}. */
    @WithDefault("-1")
    short replicationFactor();

    /** How long a starting service waits for a broker to answer (it may be starting too), and for each request after. */
    @WithDefault("60s")
    Duration brokerTimeout();

    /** Settings of one topic, keyed by its name: {@code aegan.topics."runs.requests".partitions=16}. */
    @WithParentName
    Map<String, TopicOverride> topic();

    interface TopicOverride {
        /** Partition count when the topic is created; an existing topic keeps its own. */
        OptionalInt partitions();

        /** {@code retention.ms} of the topic, -1 for forever; replaces the definition's. */
        OptionalLong retentionMs();
    }

    /** {@link TopicDefinitions#ALL} with this configuration's replication factor and overrides applied. */
    default List<TopicDefinition> definitions() {
        topic().keySet().forEach(name -> {
            try {
                TopicDefinitions.of(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("aegan.topics.\"" + name + "\": " + e.getMessage(), e);
            }
        });
        return TopicDefinitions.ALL.stream().map(definition -> {
            TopicDefinition topic = definition.withReplicationFactor(replicationFactor());
            TopicOverride override = topic().get(topic.name());
            if (override != null) {
                if (override.partitions().isPresent()) {
                    topic = topic.withPartitions(override.partitions().getAsInt());
                }
                if (override.retentionMs().isPresent()) {
                    topic = topic.withRetentionMs(override.retentionMs().getAsLong());
                }
            }
            return topic;
        }).toList();
    }
}
