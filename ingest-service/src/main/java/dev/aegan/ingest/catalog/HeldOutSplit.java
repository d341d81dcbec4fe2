package dev.aegan.ingest.catalog;

import dev.aegan.contracts.Split;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The deterministic held-out split: an image is held out when the SHA-256 of its normalised
 * pixels, first 8 bytes read as a big-endian unsigned long, modulo 1000 is below
 * {@code fraction * 1000}. The same image always lands in the same split, whichever path and
 * however often it is sent, so a trainer never sees an image that metrics hold out.
 * <p>
 * Not thread-safe: one per upload or consumed batch, which reuses one digest for all its images.
 */
public final class HeldOutSplit {
    private final int perMille;
    private final MessageDigest sha256;

    public HeldOutSplit(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("held-out fraction must be within 0..1, got " + fraction);
        }
        this.perMille = (int) Math.round(fraction * 1000);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides SHA-256", e);
        }
    }

    public Split of(byte[] pixels) {
        long head = ByteBuffer.wrap(sha256.digest(pixels), 0, 8).getLong();
        return Long.remainderUnsigned(head, 1000) < perMille ? Split.HELDOUT : Split.TRAIN;
    }
}
