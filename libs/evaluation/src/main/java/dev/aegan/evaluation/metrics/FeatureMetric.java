package dev.aegan.evaluation.metrics;

import java.util.List;

/** A metric in a feature extractor's space, computed once per extractor: {@code <name>@<extractor>}. */
public abstract non-sealed class FeatureMetric extends Metric {

    protected FeatureMetric(Reference reference, String... names) {
        super(reference, names);
    }

    /** Its values in {@code inputs.extractor()}'s space; the inputs its {@link #reference()} names are present. */
    public abstract List<MetricValue> compute(FeatureInputs inputs);

    /** A value of {@code metric} in the space of {@code inputs}' extractor, computed on {@code images} images. */
    protected static MetricValue value(FeatureInputs inputs, String metric, double value, long images) {
        return new MetricValue(MetricNames.of(metric, inputs.extractor()), value, inputs.extractor(), images);
    }

    /** How many samples the generated set holds. */
    protected static int sampleCount(FeatureInputs inputs) {
        return inputs.samples().features().rows();
    }
}
