package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.KernelInceptionDistance;
import dev.aegan.evaluation.ScoreWithSpread;

import java.util.List;

import static dev.aegan.evaluation.metrics.MetricNames.of;

/**
 * Kernel Inception distance against the held-out images: mean and standard deviation over
 * {@code subsets} random subsets of {@code subsetSize} samples (capped at the smaller set).
 */
public final class KidMetric implements FeatureMetric {
    private final int subsets;
    private final int subsetSize;

    public KidMetric(int subsets, int subsetSize) {
        this.subsets = subsets;
        this.subsetSize = subsetSize;
    }

    @Override
    public List<String> names() {
        return List.of(MetricNames.KID_MEAN, MetricNames.KID_STD);
    }

    @Override
    public Reference reference() {
        return Reference.HELD_OUT;
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        String extractor = inputs.extractor();
        int n = inputs.samples().features().rows();
        ScoreWithSpread kid = KernelInceptionDistance.compute(inputs.heldOut().features(), inputs.samples().features(),
                subsets, subsetSize, SEED);
        long count = Math.min(subsetSize, Math.min(n, inputs.heldOut().size()));
        return List.of(new MetricValue(of(MetricNames.KID_MEAN, extractor), kid.mean(), extractor, count),
                new MetricValue(of(MetricNames.KID_STD, extractor), kid.std(), extractor, count));
    }
}
