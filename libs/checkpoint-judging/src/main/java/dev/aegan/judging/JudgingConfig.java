package dev.aegan.judging;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * The checkpoint-consumer knobs every judging service has; its own {@code @ConfigMapping}
 * ({@code aegan.metrics}, {@code aegan.critic}) extends this, so the keys sit under its prefix. The
 * shared beans inject the service's mapping by this type: a service declares exactly one.
 */
public interface JudgingConfig {

    /**
     * Names this instance's transactional producer of evaluations ({@code aegan-<service>-<id>}):
     * unique per running replica and, ideally, stable across its restarts, so that a restarted
     * replica aborts what its crashed self left open at once.
     */
    @WithDefault("local")
    String instanceId();

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

    /**
     * Longest read of the evaluations topic up to its end: before each checkpoint is judged (to
     * find whether it was judged before) and for {@code GET /evaluations}.
     */
    @WithDefault("60S")
    Duration evaluationsReadTimeout();

    /**
     * Keeping up with the trainer: a checkpoint is passed over (skipped as {@code SUPERSEDED}) once
     * this many newer checkpoints of its run are waiting behind it, unless it is the run's final
     * checkpoint or the run's spec says {@code "judging": "every"}; 0 judges every checkpoint.
     */
    @WithDefault("1")
    int supersededAfter();

    /** Longest read of the checkpoints topic up to its end, to learn what is waiting and how far behind the judge is. */
    @WithDefault("30S")
    Duration checkpointsReadTimeout();

    /** How many skipped checkpoints {@code GET /evaluations/skipped} remembers. */
    @WithDefault("200")
    int skippedHistory();
}
