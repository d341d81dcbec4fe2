package dev.aegan.local.hostile;

import dev.aegan.infra.LocalApiTokens;

import java.util.Locale;
import java.util.Optional;

/** Who sends a request: no token, one of the stack's tokens, or a well-formed token no service knows. */
enum Caller {
    ANONYMOUS, READER, TRAINER, ADMIN, INVALID;

    private static final String UNKNOWN_SECRET = "0123456789abcdef0123456789abcdef0123456789abcdef";

    static Caller parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** The {@code Authorization} header this caller sends, if any. */
    Optional<String> authorization(LocalApiTokens tokens) {
        return Optional.ofNullable(switch (this) {
            case ANONYMOUS -> null;
            case READER -> tokens.reader();
            case TRAINER -> tokens.trainer();
            case ADMIN -> tokens.admin();
            case INVALID -> UNKNOWN_SECRET;
        }).map(secret -> "Bearer " + secret);
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
