package dev.aegan.trainer.domain;

import dev.aegan.contracts.Identifiers;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/** Run ids follow {@link Identifiers}' rule: usable as a Kafka key, an S3 key prefix and a URL segment. */
public final class RunIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    public static boolean isValid(String id) {
        return Identifiers.isValid(id);
    }

    /** {@code <model>-<8 hex>}, e.g. {@code vae-3f9a01c2}. */
    public static String newId(String model) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        String prefix = model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (prefix.isEmpty() || prefix.length() > 40) {
            prefix = "run";
        }
        return prefix + "-" + HexFormat.of().formatHex(suffix);
    }

    /**
     * The id of a record on runs.requests that names none (no key, no runId): derived from where
     * the record sits, so a redelivery gets the same id.
     */
    public static String forRecord(int partition, long offset) {
        return "request-" + partition + "-" + offset;
    }
}
