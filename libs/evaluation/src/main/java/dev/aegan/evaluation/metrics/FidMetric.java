package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.FeatureStatistics;

import java.util.List;

/** Fréchet distance between the samples' and the held-out images' feature statistics (FID; lower is better). */
public final class FidMetric extends FeatureMetric {

    public FidMetric() {
        super(Reference.HELD_OUT, MetricNames.FID);
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        double fid = inputs.heldOut().frechet().to(FeatureStatistics.of(inputs.samples().features()));
        return List.of(value(inputs, MetricNames.FID, fid, sampleCount(inputs)));
    }
}
