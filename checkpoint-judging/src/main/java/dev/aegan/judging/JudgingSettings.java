package dev.aegan.judging;

import java.time.Duration;

/**
 * How a judging service consumes checkpoints; each service maps these from its own configuration
 * prefix ({@code aegan.metrics.*}, {@code aegan.critic.*}) and produces this record as a bean.
 *
 * @param producer           the {@code producer} field of the evaluations it publishes, and what
 *                           {@code GET /evaluations} lists
 * @param attempts           tries per checkpoint when judging fails for a reason that may pass (S3
 *                           or Kafka unreachable); after the last one the checkpoint is skipped
 * @param retryBackoff       wait before the second try; doubled before each further one
 * @param datasetReadTimeout longest time to replay a dataset's held-out split from the batches topic
 * @param publishTimeout     longest wait for the broker to acknowledge a checkpoint's evaluations
 * @param skippedHistory     how many skipped checkpoints {@code GET /evaluations/skipped} remembers
 */
public record JudgingSettings(String producer, int attempts, Duration retryBackoff, Duration datasetReadTimeout,
                              Duration publishTimeout, int skippedHistory) {
}
