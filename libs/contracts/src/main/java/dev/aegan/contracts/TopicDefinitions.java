package dev.aegan.contracts;

import org.apache.kafka.common.config.TopicConfig;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Partitions, replication and topic configs of every topic in {@link Topics}: the one place they
 * are decided. Nothing here is left to a broker's defaults except the replication factor, which
 * only the cluster can know (services may set {@code aegan.topics.replication-factor}).
 * <p>
 * Retention: the gallery, the trainers' run view and the judges rebuild their state by replaying
 * topics from offset 0, and trainers read datasets from {@code datasets.batches}, so those topics
 * keep every record ({@code retention.ms=-1}, no size limit). They are deleted-policy topics, not
 * compacted: they are keyed by dataset or run id and every record of a key matters (each batch
 * of a dataset, each metric point of a run), so compaction would keep only the last one.
 * <p>
 * Partitions: one, except for the work queue {@code runs.requests}. Every other reader replays
 * the whole topic, so more partitions buy nothing there, and one partition is one order. The
 * judges' {@code checkpoints} group is the exception in waiting: several metrics or critic
 * replicas share checkpoints only if the topic has several partitions (raise it before the
 * topic is first created; it is keyed by run id, so a run's checkpoints stay in order).
 */
public final class TopicDefinitions {
    /**
     * Each consumer of the trainers' group holds at least one partition while it trains, so this
     * bounds how many runs train at once over all replicas ({@code aegan.trainer.concurrency}
     * per replica): 8 covers a GPU node pool of a few machines with a few runs each, and
     * partitions cost a broker little. It cannot be lowered later, only raised.
     */
    public static final int RUN_REQUEST_PARTITIONS = 8;
    /**
     * ingest.images is an input queue: ingest commits a record's offset in the same transaction
     * that writes its image to datasets.batches, so a consumed record is a duplicate. A week
     * lets an ingest outage of days drain without losing what users sent.
     */
    public static final long INGEST_RETENTION_MS = Duration.ofDays(7).toMillis();
    /**
     * Rejected records carry the original bytes and the reason, for a user to fix and resend;
     * the gallery lists them. A month is long enough to notice and act, short enough that
     * rejected uploads do not pile up forever.
     */
    public static final long DEAD_LETTER_RETENTION_MS = Duration.ofDays(30).toMillis();
    /**
     * Largest record on the topics that carry images: ingest's producer sends records of up to
     * 16 MiB ({@code max.request.size} in ingest-service's application.properties), since one
     * 1024x1024 RGB image alone is 3 MiB. The broker's default is 1 MiB.
     */
    public static final int IMAGE_RECORD_MAX_BYTES = 16 * 1024 * 1024;

    public static final List<TopicDefinition> ALL = List.of(
            topic(Topics.INGEST_IMAGES, 1, INGEST_RETENTION_MS, IMAGE_RECORD_MAX_BYTES),
            topic(Topics.INGEST_DEAD_LETTER, 1, DEAD_LETTER_RETENTION_MS, IMAGE_RECORD_MAX_BYTES),
            topic(Topics.DATASET_BATCHES, 1, TopicDefinition.KEPT_FOREVER, IMAGE_RECORD_MAX_BYTES),
            topic(Topics.DATASET_EVENTS, 1, TopicDefinition.KEPT_FOREVER, null),
            // a queued run may wait longer than any fixed retention before a trainer is free
            topic(Topics.RUN_REQUESTS, RUN_REQUEST_PARTITIONS, TopicDefinition.KEPT_FOREVER, null),
            topic(Topics.RUN_EVENTS, 1, TopicDefinition.KEPT_FOREVER, null),
            topic(Topics.TRAINING_METRICS, 1, TopicDefinition.KEPT_FOREVER, null),
            topic(Topics.CHECKPOINTS, 1, TopicDefinition.KEPT_FOREVER, null),
            topic(Topics.EVALUATIONS, 1, TopicDefinition.KEPT_FOREVER, null),
            // a study's request and its fate are its record of who asked for what; both are small
            topic(Topics.STUDY_REQUESTS, 1, TopicDefinition.KEPT_FOREVER, null),
            topic(Topics.STUDY_EVENTS, 1, TopicDefinition.KEPT_FOREVER, null));

    private TopicDefinitions() {
    }

    /** The definition of the topic named {@code name}, one of {@link Topics#ALL}. */
    public static TopicDefinition of(String name) {
        return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("'" + name + "' is not a platform topic; the topics are "
                        + Topics.ALL));
    }

    private static TopicDefinition topic(String name, int partitions, long retentionMs, Integer maxMessageBytes) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
        configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retentionMs));
        // a broker-wide log.retention.bytes must not cut what retention.ms keeps
        configs.put(TopicConfig.RETENTION_BYTES_CONFIG, "-1");
        if (maxMessageBytes != null) {
            configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxMessageBytes.toString());
        }
        return new TopicDefinition(name, partitions, TopicDefinition.BROKER_DEFAULT_REPLICATION_FACTOR, configs);
    }
}
