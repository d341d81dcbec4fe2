package dev.aegan.contracts;

/** Headers ingest adds to a record it copies to {@link Topics#INGEST_DEAD_LETTER}. */
public final class DeadLetterHeaders {
    /** Stable machine-readable code, one of {@link RejectionCode}. */
    public static final String REASON_CODE = "reason-code";
    /** Human-readable explanation naming the offending value. */
    public static final String REASON = "reason";
    public static final String ORIGINAL_TOPIC = "original-topic";
    public static final String ORIGINAL_PARTITION = "original-partition";
    public static final String ORIGINAL_OFFSET = "original-offset";

    private DeadLetterHeaders() {
    }
}
