package dev.aegan.gallery.domain;

import java.util.List;

/** One training quantity over steps (e.g. {@code vae/kl}); {@code steps[i]} goes with {@code values[i]}. */
public record MetricSeries(String name, long[] steps, double[] values) {

    /** The series of a run, plus its latest throughput. */
    public record OfRun(String runId, List<MetricSeries> series, Double imagesPerSecond) {
    }
}
