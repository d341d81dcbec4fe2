package dev.aegan.infra;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Polls until something a test waits for has happened, or fails saying what never did. */
public final class Await {
    private Await() {
    }

    /** The first non-null value {@code probe} returns within {@code timeout}. */
    public static <T> T until(String what, Duration timeout, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
