package dev.aegan.evaluation.metrics;

import java.util.List;

/** A metric in pixel space: published with the extractor {@value MetricNames#PIXELS}. */
public non-sealed interface PixelMetric extends Metric {

    /** Its values; the inputs its {@link #reference()} names are present. */
    List<MetricValue> compute(PixelInputs inputs);
}
