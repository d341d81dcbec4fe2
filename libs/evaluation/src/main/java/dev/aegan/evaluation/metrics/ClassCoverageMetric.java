package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.ClassCoverage;

import java.util.List;

/** The share of the classifier's classes the samples hit ({@link ClassCoverage}). Nothing for an extractor without class probabilities. */
public final class ClassCoverageMetric extends FeatureMetric {

    public ClassCoverageMetric() {
        super(Reference.NONE, MetricNames.CLASS_COVERAGE);
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        if (inputs.samples().probabilities() == null) {
            return List.of();
        }
        return List.of(value(inputs, MetricNames.CLASS_COVERAGE, ClassCoverage.of(inputs.samples().probabilities()),
                sampleCount(inputs)));
    }
}
