package dev.aegan.contracts;

import org.apache.kafka.common.config.TopicConfig;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How one topic of {@link Topics} is to exist on a cluster: plain data, read by the provisioner
 * that creates or checks topics and by anything that writes them down for an operator (Strimzi
 * {@code KafkaTopic} manifests, say).
 *
 * @param name              a name from {@link Topics}
 * @param partitions        partition count at creation; never changed on an existing topic
 * @param replicationFactor {@link #BROKER_DEFAULT_REPLICATION_FACTOR} leaves it to the broker's
 *                          {@code default.replication.factor} (KIP-464, Kafka 2.4+)
 * @param configs           topic-level configs ({@link TopicConfig} keys to their values), in key order
 */
public record TopicDefinition(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    public static final short BROKER_DEFAULT_REPLICATION_FACTOR = -1;
    /** {@code retention.ms} of a topic whose records are never deleted. */
    public static final long KEPT_FOREVER = -1;

    public TopicDefinition {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a topic definition needs a name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, not " + partitions);
        }
        if (replicationFactor != BROKER_DEFAULT_REPLICATION_FACTOR && replicationFactor < 1) {
            throw new IllegalArgumentException("topic " + name + ": replication factor must be -1 (the broker's default) "
                    + "or at least 1, not " + replicationFactor);
        }
        configs = Collections.unmodifiableMap(new TreeMap<>(configs));
    }

    public TopicDefinition withPartitions(int count) {
        return new TopicDefinition(name, count, replicationFactor, configs);
    }

    public TopicDefinition withReplicationFactor(short factor) {
        return new TopicDefinition(name, partitions, factor, configs);
    }

    /** {@code millis} of {@link #KEPT_FOREVER} keeps every record. */
    public TopicDefinition withRetentionMs(long millis) {
        if (millis < KEPT_FOREVER || millis == 0) {
            throw new IllegalArgumentException("topic " + name + ": retention.ms must be -1 (forever) or positive, not " + millis);
        }
        Map<String, String> changed = new TreeMap<>(configs);
        changed.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(millis));
        return new TopicDefinition(name, partitions, replicationFactor, changed);
    }

    public long retentionMs() {
        return Long.parseLong(configs.get(TopicConfig.RETENTION_MS_CONFIG));
    }
}
