package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.DensityCoverage;

import java.util.List;

/** Density and coverage (k = 5) of the samples against the held-out images' k-NN manifold. */
public final class DensityCoverageMetric extends FeatureMetric {

    public DensityCoverageMetric() {
        super(Reference.HELD_OUT, MetricNames.DENSITY, MetricNames.COVERAGE);
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        DensityCoverage.Result dc = DensityCoverage.compute(inputs.heldOut().manifold(), inputs.samples().features());
        return List.of(value(inputs, MetricNames.DENSITY, dc.density(), sampleCount(inputs)),
                value(inputs, MetricNames.COVERAGE, dc.coverage(), sampleCount(inputs)));
    }
}
