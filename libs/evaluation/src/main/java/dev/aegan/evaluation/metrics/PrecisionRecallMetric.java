package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.ManifoldEstimate;
import dev.aegan.evaluation.PrecisionRecall;

import java.util.List;

/** Improved precision and recall (k = 3) of the samples against the held-out images' k-NN manifold. */
public final class PrecisionRecallMetric extends FeatureMetric {

    public PrecisionRecallMetric() {
        super(Reference.HELD_OUT, MetricNames.PRECISION, MetricNames.RECALL);
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        PrecisionRecall.Result pr = PrecisionRecall.compute(inputs.heldOut().manifold(),
                ManifoldEstimate.of(inputs.samples().features()));
        return List.of(value(inputs, MetricNames.PRECISION, pr.precision(), sampleCount(inputs)),
                value(inputs, MetricNames.RECALL, pr.recall(), sampleCount(inputs)));
    }
}
