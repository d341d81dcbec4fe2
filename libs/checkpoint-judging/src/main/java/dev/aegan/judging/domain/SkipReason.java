package dev.aegan.judging.domain;

/**
 * Why a checkpoint was not evaluated; stable codes for logs, metrics and the REST listing. The
 * checkpoint problems carry the names of {@code UnreadableCheckpointException.Problem}'s.
 */
public enum SkipReason {
    /** The record is not a readable checkpoint event or lacks run id, spec or objects. */
    MALFORMED_EVENT,
    /** An object the event names is not in the bucket. */
    MISSING_OBJECT,
    /** An object's size or SHA-256 differs from what the event recorded. */
    CHECKSUM_MISMATCH,
    /**
     * The objects do not form a loadable model: no training state or network object under the
     * checkpoint's prefix, corrupt parameters, an unknown model family.
     */
    UNLOADABLE_MODEL,
    /** No dataset of the run's name is known on the batches topic. */
    UNKNOWN_DATASET,
    /** The dataset exists but has no held-out image yet. */
    NO_HELDOUT_IMAGES,
    /** The held-out images do not have the shape the model was built for. */
    SHAPE_MISMATCH,
    /** Every try failed for another reason (S3 or Kafka unreachable, out of memory, ...). */
    EVALUATION_FAILED,
    /**
     * Newer checkpoints of the run were already waiting to be judged and the run's judging is
     * {@code newest}: the judge passes over the stale checkpoint to keep up with the trainer.
     */
    SUPERSEDED
}
