package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.StructuralSimilarity;

import java.util.List;

/**
 * Mean MS-SSIM over {@code pairs} random pairs of distinct samples (lower is more diverse); needs 2
 * samples or more.
 */
public final class MsSsimDiversityMetric extends PixelMetric {
    private final int pairs;

    public MsSsimDiversityMetric(int pairs) {
        super(Reference.NONE, MetricNames.MS_SSIM_DIVERSITY);
        this.pairs = pairs;
    }

    @Override
    public List<MetricValue> compute(PixelInputs inputs) {
        double diversity = StructuralSimilarity.sampleDiversity(inputs.samples().toUnitInterval(), pairs, SEED).mean();
        return List.of(value(MetricNames.MS_SSIM_DIVERSITY, diversity, inputs.samples().count()));
    }
}
