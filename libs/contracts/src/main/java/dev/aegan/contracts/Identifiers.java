package dev.aegan.contracts;

import java.util.regex.Pattern;

/**
 * The one rule for every name a user chooses that becomes a Kafka key, an S3 key prefix and a URL
 * segment: run ids, sweep groups and dataset names, on every REST path, query and body and on every
 * topic record. 1 to 63 characters from {@code a-z 0-9 . _ -}, the first a letter or digit: no
 * {@code /}, so an identifier is always exactly one key segment, and never {@code .} or {@code ..}.
 * Only ASCII is allowed, so look-alikes (a full-width dot, a Cyrillic {@code а}) are refused rather
 * than stored under a key a user cannot type back.
 */
public final class Identifiers {
    public static final int MAX_LENGTH = 63;
    public static final String RULE = "1 to " + MAX_LENGTH + " characters from a-z, 0-9, '.', '_' and '-', "
            + "starting with a letter or digit";
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9._-]{0," + (MAX_LENGTH - 1) + "}");
    /** How much of a refused value a message repeats: enough to recognise it, not 500 characters of markup. */
    private static final int SHOWN = 40;

    /** What an identifier names; each has the stable code a refusal of it carries. */
    public enum Kind {
        RUN_ID("run id", "INVALID_RUN_ID"),
        GROUP("group", "INVALID_GROUP"),
        DATASET("dataset name", RejectionCode.INVALID_DATASET_NAME.name());

        private final String noun;
        private final String code;

        Kind(String noun, String code) {
            this.noun = noun;
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private Identifiers() {
    }

    public static boolean isValid(String value) {
        return value != null && VALID.matcher(value).matches();
    }

    /**
     * @param parameter where the value came from, as the user wrote it ({@code runId}, {@code group},
     *                  {@code dataset}, the {@code dataset} header)
     * @return the value
     * @throws InvalidIdentifierException naming the parameter, the value (shortened) and the rule
     */
    public static String require(Kind kind, String parameter, String value) {
        if (!isValid(value)) {
            throw new InvalidIdentifierException(kind, problem(kind, parameter, value));
        }
        return value;
    }

    /** Why {@code value} is refused, for callers that report the refusal in their own way. */
    public static String problem(Kind kind, String parameter, String value) {
        return parameter + " " + (value == null ? "is missing" : shown(value) + " is not a valid " + kind.noun)
                + ": a " + kind.noun + " has " + RULE;
    }

    /** The value quoted, at most {@link #SHOWN} characters, anything outside printable ASCII as a \\u escape. */
    static String shown(String value) {
        StringBuilder out = new StringBuilder("'");
        int end = Math.min(value.length(), SHOWN);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        out.append('\'');
        if (value.length() > SHOWN) {
            out.append("... (").append(value.length()).append(" characters)");
        }
        return value.isEmpty() ? "'' (empty)" : out.toString();
    }
}
