package dev.aegan.evaluation.metrics;

import java.util.List;

/** A metric in pixel space: published with the extractor {@value MetricNames#PIXELS}. */
public abstract non-sealed class PixelMetric extends Metric {

    protected PixelMetric(Reference reference, String... names) {
        super(reference, names);
    }

    /** Its values; the inputs its {@link #reference()} names are present. */
    public abstract List<MetricValue> compute(PixelInputs inputs);

    /** A value of {@code metric} in pixel space, computed on {@code images} images. */
    protected static MetricValue value(String metric, double value, long images) {
        return new MetricValue(metric, value, MetricNames.PIXELS, images);
    }
}
