package dev.aegan.checkpoints;

/** A checkpoint that can never be loaded, or used on its dataset, as it stands: retrying will not help. */
public class UnreadableCheckpointException extends RuntimeException {
    public enum Problem {
        /** An object the event names is not in the bucket. */
        MISSING_OBJECT,
        /** An object's size or SHA-256 differs from what the event recorded. */
        CHECKSUM_MISMATCH,
        /** The objects do not form a loadable model (no training state, unknown family, corrupt file). */
        UNLOADABLE_MODEL,
        /** The model was built for images of another shape than its dataset holds. */
        SHAPE_MISMATCH
    }

    private final Problem problem;

    public UnreadableCheckpointException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
