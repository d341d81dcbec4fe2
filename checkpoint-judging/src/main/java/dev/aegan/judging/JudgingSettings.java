package dev.aegan.judging;

import java.time.Duration;

/**
 * How a judging service consumes checkpoints; each service produces this as a bean from its own
 * configuration ({@link #of}).
 *
 * @param producer the {@code producer} field of the evaluations it publishes, and what
 *                 {@code GET /evaluations} lists
 * @see JudgingConfig for the other fields
 */
public record JudgingSettings(String producer, int attempts, Duration retryBackoff, Duration datasetReadTimeout,
                              Duration evaluationsReadTimeout, int skippedHistory) {

    public static JudgingSettings of(String producer, JudgingConfig config) {
        return new JudgingSettings(producer, config.attempts(), config.retryBackoff(), config.datasetReadTimeout(),
                config.evaluationsReadTimeout(), config.skippedHistory());
    }
}
