package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.FeatureMatrix;

import java.util.List;

import static dev.aegan.evaluation.metrics.MetricNames.of;

/**
 * Mean Euclidean distance between the features of each original and of its reconstruction
 * (lower is better): a perceptual distance in the spirit of LPIPS (Zhang et al. 2018) and of
 * the feature-matching losses of Dosovitskiy and Brox (2016), with the extractor's penultimate
 * features instead of LPIPS's calibrated, channel-normalised VGG layers.
 */
public final class PerceptualDistanceMetric implements FeatureMetric {

    @Override
    public List<String> names() {
        return List.of(MetricNames.PERCEPTUAL_DISTANCE);
    }

    @Override
    public Reference reference() {
        return Reference.RECONSTRUCTIONS;
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        FeatureMatrix originals = inputs.originals();
        FeatureMatrix reconstructions = inputs.reconstructions();
        int n = originals.rows();
        int d = originals.columns();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double squared = 0;
            for (int p = 0; p < d; p++) {
                double difference = originals.get(i, p) - reconstructions.get(i, p);
                squared += difference * difference;
            }
            sum += Math.sqrt(squared);
        }
        return List.of(new MetricValue(of(MetricNames.PERCEPTUAL_DISTANCE, inputs.extractor()), sum / n,
                inputs.extractor(), n));
    }
}
