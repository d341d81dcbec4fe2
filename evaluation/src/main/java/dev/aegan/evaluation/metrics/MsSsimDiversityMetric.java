package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.ScoreWithSpread;
import dev.aegan.evaluation.StructuralSimilarity;

import java.util.List;

/**
 * Mean MS-SSIM over {@code pairs} random pairs of distinct samples (lower is more diverse); needs 2
 * samples or more.
 */
public final class MsSsimDiversityMetric implements PixelMetric {
    private final int pairs;

    public MsSsimDiversityMetric(int pairs) {
        this.pairs = pairs;
    }

    @Override
    public List<String> names() {
        return List.of(MetricNames.MS_SSIM_DIVERSITY);
    }

    @Override
    public Reference reference() {
        return Reference.NONE;
    }

    @Override
    public List<MetricValue> compute(PixelInputs inputs) {
        ScoreWithSpread score = StructuralSimilarity.sampleDiversity(inputs.samples().toUnitInterval(), pairs, SEED);
        return List.of(new MetricValue(MetricNames.MS_SSIM_DIVERSITY, score.mean(), MetricNames.PIXELS,
                inputs.samples().count()));
    }
}
