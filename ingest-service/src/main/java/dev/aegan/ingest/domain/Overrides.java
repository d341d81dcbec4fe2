package dev.aegan.ingest.domain;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.contracts.Split;

import java.util.Optional;
import java.util.OptionalInt;

/** The per-request / per-record settings a user may give: split and label, as text from a query or header. */
public final class Overrides {
    public static final int MAX_LABEL = 65535;

    private Overrides() {
    }

    /** {@code train} or {@code heldout}; absent or blank means the deterministic split. */
    public static Optional<Split> split(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Split.parse(text));
        } catch (IllegalArgumentException e) {
            throw new Rejection(RejectionCode.INVALID_SPLIT, e.getMessage());
        }
    }

    /** An integer class label 0..65535; absent or blank means unlabelled. */
    public static OptionalInt label(String text) {
        if (text == null || text.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            int label = Integer.parseInt(text.trim());
            if (label >= 0 && label <= MAX_LABEL) {
                return OptionalInt.of(label);
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new Rejection(RejectionCode.INVALID_LABEL, "label must be an integer 0.." + MAX_LABEL + ", got '"
                + text + "'");
    }
}
