package dev.aegan.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One configured caller: a name (the principal shown in logs and on the runs it requests), a role
 * and the secret it presents as {@code Authorization: Bearer <secret>}. Only the SHA-256 of the
 * secret is kept, and it is compared in constant time.
 */
public record ApiToken(String name, String role, byte[] secretDigest) {
    /** Secrets shorter than this are refused at start: they could be guessed. */
    public static final int MIN_SECRET_LENGTH = 24;

    public boolean matches(byte[] presentedDigest) {
        return MessageDigest.isEqual(secretDigest, presentedDigest);
    }

    public static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
