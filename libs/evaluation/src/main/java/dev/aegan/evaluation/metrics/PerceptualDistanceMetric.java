package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.FeatureMatrix;

import java.util.List;

/**
 * Mean Euclidean distance between the features of each original and of its reconstruction
 * (lower is better): an uncalibrated feature distance in the spirit of the feature-matching losses of
 * Dosovitskiy and Brox (2016), with the extractor's penultimate features. Not LPIPS (Zhang et al.
 * 2018), which normalises several layers' channels and weighs them with learned, human-calibrated
 * weights: that is {@link LpipsReconstructionMetric}, when an LPIPS network is configured.
 */
public final class PerceptualDistanceMetric extends FeatureMetric {

    public PerceptualDistanceMetric() {
        super(Reference.RECONSTRUCTIONS, MetricNames.PERCEPTUAL_DISTANCE);
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        FeatureMatrix originals = inputs.originals().features();
        FeatureMatrix reconstructions = inputs.reconstructions();
        int n = originals.rows();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double squared = 0;
            for (int p = 0; p < originals.columns(); p++) {
                double difference = originals.get(i, p) - reconstructions.get(i, p);
                squared += difference * difference;
            }
            sum += Math.sqrt(squared);
        }
        return List.of(value(inputs, MetricNames.PERCEPTUAL_DISTANCE, sum / n, n));
    }
}
