package dev.aegan.contracts;

import com.fasterxml.jackson.annotation.JsonValue;

/** The two parts of a dataset; held-out images are never shown to a trainer. */
public enum Split {
    TRAIN("train"),
    HELDOUT("heldout");

    private final String wireName;

    Split(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** Parses {@code train} / {@code heldout} (case-insensitive); throws on anything else. */
    public static Split parse(String text) {
        for (Split split : values()) {
            if (split.wireName.equalsIgnoreCase(text.trim())) {
                return split;
            }
        }
        throw new IllegalArgumentException("split must be 'train' or 'heldout', got '" + text + "'");
    }
}
