package dev.aegan.ingest.domain;

import dev.aegan.contracts.RejectionCode;

import java.util.regex.Pattern;

/** Dataset names are Kafka keys, object-store prefixes and URL segments: keep them plain. */
public final class DatasetName {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");

    private DatasetName() {
    }

    public static String requireValid(String name) {
        if (name == null || !VALID.matcher(name).matches()) {
            throw new Rejection(RejectionCode.INVALID_DATASET_NAME, "dataset name '" + name
                    + "' is invalid: use 1 to 63 characters from a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        return name;
    }
}
