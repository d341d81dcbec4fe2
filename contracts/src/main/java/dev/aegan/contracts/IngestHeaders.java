package dev.aegan.contracts;

/** Headers a user sets on an {@link Topics#INGEST_IMAGES} record. */
public final class IngestHeaders {
    /** Required: the dataset the image belongs to ([a-z0-9][a-z0-9._-]{0,62}). */
    public static final String DATASET = "dataset";
    /** Optional: {@code train} or {@code heldout}; absent means the deterministic split. */
    public static final String SPLIT = "split";
    /** Optional: integer class label 0..65535. */
    public static final String LABEL = "label";
    /** Optional: {@code image/png}, {@code image/jpeg}, ...; the bytes are sniffed anyway. */
    public static final String CONTENT_TYPE = "content-type";

    private IngestHeaders() {
    }
}
