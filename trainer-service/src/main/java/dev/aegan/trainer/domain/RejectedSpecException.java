package dev.aegan.trainer.domain;

/** A run request that cannot be run, with the stable code and a message naming the offending value. */
public class RejectedSpecException extends RuntimeException {
    private final SpecRejection code;

    public RejectedSpecException(SpecRejection code, String message) {
        super(message);
        this.code = code;
    }

    public SpecRejection code() {
        return code;
    }

    /** {@code CODE: message}, the form a failed RunEvent's reason takes. */
    public String reason() {
        return code + ": " + getMessage();
    }
}
