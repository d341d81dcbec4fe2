package dev.aegan.ingest.domain;

import dev.aegan.contracts.RejectionCode;

import java.util.Locale;

/** What to do with an image whose shape differs from its dataset's. */
public enum ResizePolicy {
    /** Refuse it with {@link RejectionCode#WRONG_SHAPE}. */
    REJECT,
    /** Convert its channels and resize it (bilinear) to the dataset's shape. */
    FIT;

    /** {@code reject} / {@code fit}, case-insensitive; null or blank means {@link #REJECT}. */
    public static ResizePolicy parse(String text) {
        if (text == null || text.isBlank()) {
            return REJECT;
        }
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "reject" -> REJECT;
            case "fit" -> FIT;
            default -> throw new Rejection(RejectionCode.INVALID_RESIZE,
                    "resize must be 'reject' or 'fit', got '" + text + "'");
        };
    }
}
