package dev.aegan.judging;

import dev.aegan.judging.domain.SkipReason;

/** The checkpoint can never be evaluated as it is: trying again would fail the same way. */
public class UnevaluableCheckpointException extends RuntimeException {
    private final SkipReason reason;

    public UnevaluableCheckpointException(SkipReason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public UnevaluableCheckpointException(SkipReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public SkipReason reason() {
        return reason;
    }
}
