package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.DensityCoverage;

import java.util.List;

import static dev.aegan.evaluation.metrics.MetricNames.of;

/** Density and coverage (k = 5) of the samples against the held-out images' k-NN manifold. */
public final class DensityCoverageMetric implements FeatureMetric {

    @Override
    public List<String> names() {
        return List.of(MetricNames.DENSITY, MetricNames.COVERAGE);
    }

    @Override
    public Reference reference() {
        return Reference.HELD_OUT;
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        String extractor = inputs.extractor();
        int n = inputs.samples().features().rows();
        DensityCoverage.Result dc = DensityCoverage.compute(inputs.heldOut().manifold(), inputs.samples().features());
        return List.of(new MetricValue(of(MetricNames.DENSITY, extractor), dc.density(), extractor, n),
                new MetricValue(of(MetricNames.COVERAGE, extractor), dc.coverage(), extractor, n));
    }
}
