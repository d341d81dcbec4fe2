package dev.aegan.ingest;

import dev.aegan.contracts.Split;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The documented held-out rule, computed independently of the service's code (BigInteger
 * arithmetic instead of unsigned long operations): SHA-256 of the pixels, first 8 bytes as an
 * unsigned big-endian number, modulo 1000, below the per-mille threshold (100 by default) means held out.
 */
public final class HeldOutRule {
    private HeldOutRule() {
    }

    /** The split of {@code pixels} at the default 10% held out. */
    public static Split expected(byte[] pixels) {
        return expected(pixels, 100);
    }

    public static Split expected(byte[] pixels, int perMille) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(pixels);
            BigInteger head = new BigInteger(1, Arrays.copyOf(digest, 8));
            return head.mod(BigInteger.valueOf(1000)).intValue() < perMille ? Split.HELDOUT : Split.TRAIN;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
