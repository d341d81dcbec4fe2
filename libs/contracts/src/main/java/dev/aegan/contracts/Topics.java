package dev.aegan.contracts;

/** Kafka topic names of the platform: the one place they are spelled out. */
public final class Topics {
    /** Encoded images pushed by users; headers in {@link IngestHeaders}. */
    public static final String INGEST_IMAGES = "ingest.images";
    /** Rejected ingest records: original key and bytes, reason in {@link DeadLetterHeaders}. */
    public static final String INGEST_DEAD_LETTER = "ingest.dead-letter";
    /** Binary image batches ({@code ImageBatchCodec}), keyed by dataset name. */
    public static final String DATASET_BATCHES = "datasets.batches";
    /** {@code DatasetEvent} JSON, keyed by dataset name. */
    public static final String DATASET_EVENTS = "datasets.events";
    /** {@code RunSpec} JSON, keyed by run id: the trainers' work queue. */
    public static final String RUN_REQUESTS = "runs.requests";
    /** {@code RunEvent} JSON, keyed by run id. */
    public static final String RUN_EVENTS = "runs.events";
    /** {@code TrainingMetricEvent} JSON, keyed by run id. */
    public static final String TRAINING_METRICS = "training.metrics";
    /** {@code CheckpointEvent} JSON, keyed by run id. */
    public static final String CHECKPOINTS = "checkpoints";
    /** {@code EvaluationEvent} JSON, keyed by run id. */
    public static final String EVALUATIONS = "evaluations";
    /** {@code StudyRequest} JSON, keyed by study name: studies users ask the trainers to run. */
    public static final String STUDY_REQUESTS = "studies.requests";
    /** {@code StudyEvent} JSON, keyed by study name: what became of each study request. */
    public static final String STUDY_EVENTS = "studies.events";

    public static final java.util.List<String> ALL = java.util.List.of(
            INGEST_IMAGES, INGEST_DEAD_LETTER, DATASET_BATCHES, DATASET_EVENTS, RUN_REQUESTS,
            RUN_EVENTS, TRAINING_METRICS, CHECKPOINTS, EVALUATIONS, STUDY_REQUESTS, STUDY_EVENTS);

    private Topics() {
    }
}
