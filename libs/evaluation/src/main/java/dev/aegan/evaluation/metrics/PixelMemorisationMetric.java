package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.MemorisationScores;

import java.util.List;

/**
 * FlexAE's pixel memorisation score (PMS): mean distance of each memorisation query (one of the first
 * samples) to its nearest training image, in pixel space ({@code MemorisationScores}).
 */
public final class PixelMemorisationMetric extends PixelMetric {

    public PixelMemorisationMetric() {
        super(Reference.TRAINING_IMAGES, MetricNames.PIXEL_MEMORISATION);
    }

    @Override
    public List<MetricValue> compute(PixelInputs inputs) {
        double pms = MemorisationScores.pixelScore(inputs.memorisationQueries().toUnitInterval(),
                inputs.training().toUnitInterval());
        return List.of(value(MetricNames.PIXEL_MEMORISATION, pms, inputs.memorisationQueries().count()));
    }
}
