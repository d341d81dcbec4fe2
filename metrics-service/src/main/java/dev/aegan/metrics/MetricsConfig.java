package dev.aegan.metrics;

import dev.aegan.judging.JudgingConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every knob of the metrics service: {@code aegan.metrics.*}. */
@ConfigMapping(prefix = "aegan.metrics")
public interface MetricsConfig extends JudgingConfig {

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
}
