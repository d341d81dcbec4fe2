package dev.aegan.contracts;

/**
 * SmallRye channel names used in {@code @Incoming}/{@code @Channel}. Each service maps the
 * channels it uses to {@link Topics} in its {@code application.properties}.
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

    private Channels() {
    }
}
