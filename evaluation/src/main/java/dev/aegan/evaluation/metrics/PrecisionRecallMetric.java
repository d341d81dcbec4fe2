package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.ManifoldEstimate;
import dev.aegan.evaluation.PrecisionRecall;

import java.util.List;

import static dev.aegan.evaluation.metrics.MetricNames.of;

/** Improved precision and recall (k = 3) of the samples against the held-out images' k-NN manifold. */
public final class PrecisionRecallMetric implements FeatureMetric {

    @Override
    public List<String> names() {
        return List.of(MetricNames.PRECISION, MetricNames.RECALL);
    }

    @Override
    public Reference reference() {
        return Reference.HELD_OUT;
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        String extractor = inputs.extractor();
        int n = inputs.samples().features().rows();
        PrecisionRecall.Result pr = PrecisionRecall.compute(inputs.heldOut().manifold(),
                ManifoldEstimate.of(inputs.samples().features()));
        return List.of(new MetricValue(of(MetricNames.PRECISION, extractor), pr.precision(), extractor, n),
                new MetricValue(of(MetricNames.RECALL, extractor), pr.recall(), extractor, n));
    }
}
