package dev.aegan.contracts;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Map.entry;

/**
 * SmallRye channel names used in {@code @Incoming}/{@code @Channel}, and the {@link Topics} topic each
 * one reads or writes: {@link ChannelTopicConfigSource} hands that topic to every service's channel
 * configuration, so no {@code application.properties} names a topic.
 */
public final class Channels {
    public static final String INGEST_IMAGES_IN = "ingest-images-in";
    public static final String INGEST_DEAD_LETTER_OUT = "ingest-dead-letter-out";
    public static final String INGEST_DEAD_LETTER_IN = "ingest-dead-letter-in";
    public static final String DATASET_BATCHES_OUT = "dataset-batches-out";
    public static final String DATASET_EVENTS_IN = "dataset-events-in";
    public static final String DATASET_EVENTS_OUT = "dataset-events-out";
    public static final String RUN_REQUESTS_IN = "run-requests-in";
    public static final String RUN_REQUESTS_OUT = "run-requests-out";
    public static final String RUN_EVENTS_IN = "run-events-in";
    public static final String RUN_EVENTS_OUT = "run-events-out";
    public static final String TRAINING_METRICS_IN = "training-metrics-in";
    public static final String TRAINING_METRICS_OUT = "training-metrics-out";
    public static final String CHECKPOINTS_IN = "checkpoints-in";
    public static final String CHECKPOINTS_OUT = "checkpoints-out";
    public static final String EVALUATIONS_IN = "evaluations-in";
    public static final String EVALUATIONS_OUT = "evaluations-out";
    public static final String STUDY_REQUESTS_IN = "study-requests-in";
    public static final String STUDY_REQUESTS_OUT = "study-requests-out";
    public static final String STUDY_EVENTS_IN = "study-events-in";
    public static final String STUDY_EVENTS_OUT = "study-events-out";

    private static final Map<String, String> TOPICS = Map.ofEntries(
            entry(INGEST_IMAGES_IN, Topics.INGEST_IMAGES),
            entry(INGEST_DEAD_LETTER_OUT, Topics.INGEST_DEAD_LETTER),
            entry(INGEST_DEAD_LETTER_IN, Topics.INGEST_DEAD_LETTER),
            entry(DATASET_BATCHES_OUT, Topics.DATASET_BATCHES),
            entry(DATASET_EVENTS_IN, Topics.DATASET_EVENTS),
            entry(DATASET_EVENTS_OUT, Topics.DATASET_EVENTS),
            entry(RUN_REQUESTS_IN, Topics.RUN_REQUESTS),
            entry(RUN_REQUESTS_OUT, Topics.RUN_REQUESTS),
            entry(RUN_EVENTS_IN, Topics.RUN_EVENTS),
            entry(RUN_EVENTS_OUT, Topics.RUN_EVENTS),
            entry(TRAINING_METRICS_IN, Topics.TRAINING_METRICS),
            entry(TRAINING_METRICS_OUT, Topics.TRAINING_METRICS),
            entry(CHECKPOINTS_IN, Topics.CHECKPOINTS),
            entry(CHECKPOINTS_OUT, Topics.CHECKPOINTS),
            entry(EVALUATIONS_IN, Topics.EVALUATIONS),
            entry(EVALUATIONS_OUT, Topics.EVALUATIONS),
            entry(STUDY_REQUESTS_IN, Topics.STUDY_REQUESTS),
            entry(STUDY_REQUESTS_OUT, Topics.STUDY_REQUESTS),
            entry(STUDY_EVENTS_IN, Topics.STUDY_EVENTS),
            entry(STUDY_EVENTS_OUT, Topics.STUDY_EVENTS));

    /** The topic {@code channel} reads or writes; empty for a channel the platform does not define. */
    public static Optional<String> topicOf(String channel) {
        return Optional.ofNullable(TOPICS.get(channel));
    }

    /** Every channel the platform defines. */
    public static Set<String> all() {
        return TOPICS.keySet();
    }

    private Channels() {
    }
}
