package dev.aegan.evaluation.metrics;

import java.util.List;

/** A metric in a feature extractor's space, computed once per extractor: {@code <name>@<extractor>}. */
public non-sealed interface FeatureMetric extends Metric {

    /** Its values in {@code inputs.extractor()}'s space; the inputs its {@link #reference()} names are present. */
    List<MetricValue> compute(FeatureInputs inputs);
}
