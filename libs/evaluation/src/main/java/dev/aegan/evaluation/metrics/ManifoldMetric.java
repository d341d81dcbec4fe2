package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.ManifoldComparison;
import dev.aegan.evaluation.ManifoldEstimate;

import java.util.List;

/**
 * Improved precision and recall (k = 3) and density and coverage (k = 5) of the samples against the
 * held-out images' k-NN manifold, from one scan of their distances.
 */
public final class ManifoldMetric extends FeatureMetric {

    public ManifoldMetric() {
        super(Reference.HELD_OUT, MetricNames.PRECISION, MetricNames.RECALL, MetricNames.DENSITY,
                MetricNames.COVERAGE);
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        ManifoldComparison comparison = ManifoldComparison.of(inputs.heldOut().manifold(),
                ManifoldEstimate.of(inputs.samples().features()));
        int count = sampleCount(inputs);
        return List.of(value(inputs, MetricNames.PRECISION, comparison.precisionRecall().precision(), count),
                value(inputs, MetricNames.RECALL, comparison.precisionRecall().recall(), count),
                value(inputs, MetricNames.DENSITY, comparison.densityCoverage().density(), count),
                value(inputs, MetricNames.COVERAGE, comparison.densityCoverage().coverage(), count));
    }
}
