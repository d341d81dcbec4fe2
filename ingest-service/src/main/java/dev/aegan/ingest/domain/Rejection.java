package dev.aegan.ingest.domain;

import dev.aegan.contracts.RejectionCode;

/**
 * Why an input is refused: the REST endpoint answers it as a JSON error, the topic consumer
 * copies the record to the dead-letter topic with it.
 */
public class Rejection extends RuntimeException {
    private final RejectionCode code;

    public Rejection(RejectionCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public RejectionCode code() {
        return code;
    }

    /** The same refusal, its message prefixed with where the input came from. */
    public Rejection at(String origin) {
        return new Rejection(code, origin + ": " + getMessage());
    }
}
