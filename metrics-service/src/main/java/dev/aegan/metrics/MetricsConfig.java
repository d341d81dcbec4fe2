package dev.aegan.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every knob of the metrics service: {@code aegan.metrics.*}. */
@ConfigMapping(prefix = "aegan.metrics")
public interface MetricsConfig {

    /**
     * How many held-out images each checkpoint is judged on: the first N of the dataset's held-out
     * split in topic order (all of them when it holds fewer), so every checkpoint of a dataset is
     * judged on the same images once the dataset holds N.
     */
    @WithDefault("1000")
    int sampleCount();

    /** Images per reconstruct call: bounds the memory one evaluation takes. */
    @WithDefault("250")
    int batchSize();

    /**
     * Tries per checkpoint when evaluating fails for a reason that may pass (S3 or Kafka
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
