package dev.aegan.trainer.training;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every knob of the trainer: {@code aegan.trainer.*}. */
@ConfigMapping(prefix = "aegan.trainer")
public interface TrainerSettings {

    /** Bucket holding specs, checkpoints and terminal markers of every run. */
    @WithDefault("checkpoints")
    String checkpointBucket();

    /** A {@code training.metrics} event every this many steps (and at a run's last step). */
    @WithDefault("5")
    int metricsEvery();

    /** How often a running run looks for {@code <runId>/stop-requested} in S3. */
    @WithDefault("5s")
    Duration stopPollInterval();

    /**
     * Runs this replica trains at once; each takes one consumer of the {@code trainer} group, so
     * all replicas together train at most as many runs as runs.requests has partitions
     * ({@code TopicDefinitions.RUN_REQUEST_PARTITIONS}, {@code aegan.topics."runs.requests".partitions}).
     */
    @WithDefault("1")
    int concurrency();

    /** {@code auto} (the PyTorch engine's default: the first GPU when present), {@code cpu}, {@code gpu}, {@code gpu(1)}... */
    @WithDefault("auto")
    String device();

    /** Longest time a run may take to checkpoint and let go when this replica shuts down or loses its partition. */
    @WithDefault("60s")
    Duration releaseTimeout();

    /** Longest time to replay a dataset's training split from datasets.batches. */
    @WithDefault("5m")
    Duration datasetReadTimeout();

    /**
     * Longest wait for the broker to confirm a published record; longer than the producer's own
     * retries (delivery.timeout.ms, 120 s), so a short broker outage does not fail a run.
     */
    @WithDefault("150s")
    Duration publishTimeout();

    /**
     * Longest wait of POST /runs (and each run of POST /sweeps) to read runs.requests back up to
     * its own request, which tells whether that request is the first for its run id; also the
     * longest wait for this replica to have read the topic once after it started. Then 503.
     */
    @WithDefault("30s")
    Duration queueConfirmTimeout();

    /** Values a spec gets for fields it leaves out, and the ranges it must respect. */
    Spec spec();

    interface Spec {
        @WithDefault("1000")
        int defaultSteps();

        @WithDefault("64")
        int defaultBatchSize();

        @WithDefault("100")
        int defaultCheckpointEvery();

        @WithDefault("1000000")
        int maxSteps();

        @WithDefault("1024")
        int maxBatchSize();
    }
}
