package dev.aegan.contracts;

/** Headers a user sets on an {@link Topics#INGEST_IMAGES} record. */
public final class IngestHeaders {
    /** Required: the dataset the image belongs to, a name following {@link Identifiers}' rule. */
    public static final String DATASET = "dataset";
    /** Optional: {@code train} or {@code heldout}; absent means the deterministic split. */
    public static final String SPLIT = "split";
    /** Optional: integer class label 0..65535. */
    public static final String LABEL = "label";
    /** Optional: {@code image/png}, {@code image/jpeg}, ...; the bytes are sniffed anyway. */
    public static final String CONTENT_TYPE = "content-type";
    /**
     * Optional: {@code reject} (default) or {@code fit}. With {@code fit} an image whose shape differs
     * from its dataset's is converted (channels) and resized to that shape instead of being rejected.
     */
    public static final String RESIZE = "resize";

    private IngestHeaders() {
    }
}
