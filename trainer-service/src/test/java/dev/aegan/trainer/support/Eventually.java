package dev.aegan.trainer.support;

import java.time.Duration;
import java.time.Instant;

/** Retries an assertion until it holds: for state that another thread or service updates. */
public final class Eventually {
    private Eventually() {
    }

    public static void holds(Duration timeout, Runnable assertion) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
                Kafka.sleep(200);
            }
        }
    }
}
