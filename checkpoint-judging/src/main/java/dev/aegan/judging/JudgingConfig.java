package dev.aegan.judging;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The checkpoint-consumer knobs every judging service has; its own {@code @ConfigMapping}
 * ({@code aegan.metrics}, {@code aegan.critic}) extends this, so the keys sit under its prefix.
 */
public interface JudgingConfig {

    /**
     * Tries per checkpoint when judging fails for a reason that may pass (S3 or Kafka
     * unreachable); after the last one the checkpoint is skipped so later ones are not held up.
     */
    @WithDefault("3")
    int attempts();

    /** Wait before the second try; doubled before each further one. */
    @WithDefault("2S")
    Duration retryBackoff();

    /** Longest time to replay a dataset's held-out split from the batches topic. */
    @WithDefault("120S")
    Duration datasetReadTimeout();

    /** Longest wait for the broker to acknowledge a checkpoint's evaluations. */
    @WithDefault("60S")
    Duration publishTimeout();

    /** How many skipped checkpoints {@code GET /evaluations/skipped} remembers. */
    @WithDefault("200")
    int skippedHistory();
}
