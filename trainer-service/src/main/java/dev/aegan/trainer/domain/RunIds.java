package dev.aegan.trainer.domain;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** Run ids: lowercase {@code [a-z0-9-]}, usable as a Kafka key and as an S3 key prefix. */
public final class RunIds {
    public static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
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
