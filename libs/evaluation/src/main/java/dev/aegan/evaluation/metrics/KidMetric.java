package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.KernelInceptionDistance;
import dev.aegan.evaluation.ScoreWithSpread;

import java.util.List;

/**
 * Kernel Inception distance against the held-out images: mean and standard deviation over
 * {@code subsets} random subsets of {@code subsetSize} samples (capped at the smaller set).
 */
public final class KidMetric extends FeatureMetric {
    private final int subsets;
    private final int subsetSize;

    public KidMetric(int subsets, int subsetSize) {
        super(Reference.HELD_OUT, MetricNames.KID_MEAN, MetricNames.KID_STD);
        this.subsets = subsets;
        this.subsetSize = subsetSize;
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        ScoreWithSpread kid = KernelInceptionDistance.compute(inputs.heldOut().kernel(), inputs.samples().features(),
                subsets, subsetSize, SEED);
        long count = Math.min(subsetSize, Math.min(sampleCount(inputs), inputs.heldOut().size()));
        return List.of(value(inputs, MetricNames.KID_MEAN, kid.mean(), count),
                value(inputs, MetricNames.KID_STD, kid.std(), count));
    }
}
