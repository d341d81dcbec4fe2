package dev.aegan.gallery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Every knob of the gallery: {@code aegan.gallery.*}. */
@ConfigMapping(prefix = "aegan.gallery")
public interface GalleryConfig {

    /**
     * Bucket the rendered grids are kept in, as {@code <runId>/step-<8 digits>/<grid kind>.png}, and the
     * studies' final reports, as {@code studies/<study>/<profile>/report.json} and {@code figure.png}.
     */
    @WithDefault("gallery")
    String bucket();

    /**
     * Seed of the latent codes every sample grid is decoded from. The same codes serve every
     * checkpoint (and every run with the same latent size), so grids of successive checkpoints
     * show how the same points of latent space evolve.
     */
    @WithDefault("20240601")
    long noiseSeed();

    /** Samples per grid (drawn in rows of {@link #gridColumns()}). */
    @WithDefault("64")
    int sampleCount();

    /** Held-out images shown with their reconstructions: the first ones of the dataset's held-out split. */
    @WithDefault("32")
    int reconstructionCount();

    /** Tiles per row of the sample grid; the reconstruction grid has half as many original/reconstruction pairs. */
    @WithDefault("8")
    int gridColumns();

    /**
     * Interpolation strips per grid: fixed pairs of held-out images (the first ones, same-class pairs
     * for a conditional model) and of prior samples (the first codes of the sample grid's noise).
     */
    @WithDefault("4")
    int interpolationPairs();

    /** Codes decoded per strip, both ends included, equally spaced on the line between the pair's codes. */
    @WithDefault("8")
    int interpolationSteps();

    /** Bucket metrics-service keeps the nearest neighbours of judged checkpoints in (read only). */
    @WithDefault("metrics")
    String metricsBucket();

    /** Images smaller than this many pixels on their longer side are enlarged by a whole factor (nearest neighbour) to reach it. */
    @WithDefault("56")
    int minTileSize();

    /** Tries per checkpoint when rendering fails for a reason that may pass (S3 unreachable). */
    @WithDefault("3")
    int renderAttempts();

    /** Wait before the second try; doubled before each further one. */
    @WithDefault("2S")
    Duration renderRetryBackoff();

    /** Longest time to replay a dataset's held-out split from the batches topic. */
    @WithDefault("120S")
    Duration datasetReadTimeout();

    /**
     * Points kept per loss series. When a series grows beyond this, every other point of it is
     * dropped (the newest kept), so memory stays bounded and recent steps stay densest.
     */
    @WithDefault("4000")
    int maxPointsPerSeries();

    /** Tries to write a study's final report and figure to the bucket before the study shows the failure. */
    @WithDefault("3")
    int studyWriteAttempts();

    /** Wait before the second try of a study's report; doubled before each further one. */
    @WithDefault("2S")
    Duration studyWriteRetryBackoff();

    /** Interval of the comment line sent to idle server-sent-event streams so proxies keep them open. */
    @WithDefault("15S")
    Duration streamHeartbeat();
}
