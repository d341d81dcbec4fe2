package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.FeatureStatistics;

import java.util.List;

import static dev.aegan.evaluation.metrics.MetricNames.of;

/** Fréchet distance between the samples' and the held-out images' feature statistics (FID; lower is better). */
public final class FidMetric implements FeatureMetric {

    @Override
    public List<String> names() {
        return List.of(MetricNames.FID);
    }

    @Override
    public Reference reference() {
        return Reference.HELD_OUT;
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        double fid = inputs.heldOut().frechet().to(FeatureStatistics.of(inputs.samples().features()));
        return List.of(new MetricValue(of(MetricNames.FID, inputs.extractor()), fid, inputs.extractor(),
                inputs.samples().features().rows()));
    }
}
