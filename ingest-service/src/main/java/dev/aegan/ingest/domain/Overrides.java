package dev.aegan.ingest.domain;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.contracts.Split;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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

    /**
     * Class names for labels 0, 1, ... separated by commas ("T-shirt/top,Trouser,..."); absent or blank
     * means none given. Each name is trimmed; empty and repeated names are refused.
     */
    public static Optional<List<String>> labelNames(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        List<String> names = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
        if (names.stream().anyMatch(String::isEmpty) || new HashSet<>(names).size() != names.size()) {
            throw new Rejection(RejectionCode.INVALID_LABEL_NAMES, "labelNames must be distinct, non-empty names "
                    + "separated by commas, the name of label i at position i; got '" + text + "'");
        }
        if (names.size() > MAX_LABEL + 1) {
            throw new Rejection(RejectionCode.INVALID_LABEL_NAMES, "labelNames names " + names.size()
                    + " labels, more than the " + (MAX_LABEL + 1) + " labels 0.." + MAX_LABEL);
        }
        return Optional.of(names);
    }
}
