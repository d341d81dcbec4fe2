package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.ClassifierConfidence;

import java.util.List;

/**
 * Mean over the samples of their most probable class's probability ({@link ClassifierConfidence}).
 * Nothing for an extractor without class probabilities.
 */
public final class ClassifierConfidenceMetric extends FeatureMetric {

    public ClassifierConfidenceMetric() {
        super(Reference.NONE, MetricNames.CLASSIFIER_CONFIDENCE);
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        if (inputs.samples().probabilities() == null) {
            return List.of();
        }
        return List.of(value(inputs, MetricNames.CLASSIFIER_CONFIDENCE,
                ClassifierConfidence.compute(inputs.samples().probabilities()), sampleCount(inputs)));
    }
}
