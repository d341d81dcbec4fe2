package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.MemorisationScores;

import java.util.List;

/**
 * FlexAE's pixel memorisation score (PMS): mean distance of each memorisation query (one of the first
 * samples) to its nearest training image, in pixel space ({@code MemorisationScores}).
 */
public final class PixelMemorisationMetric implements PixelMetric {

    @Override
    public List<String> names() {
        return List.of(MetricNames.PIXEL_MEMORISATION);
    }

    @Override
    public Reference reference() {
        return Reference.TRAINING_IMAGES;
    }

    @Override
    public List<MetricValue> compute(PixelInputs inputs) {
        double pms = MemorisationScores.pixelScore(inputs.memorisationQueries().toUnitInterval(),
                inputs.training().toUnitInterval());
        return List.of(new MetricValue(MetricNames.PIXEL_MEMORISATION, pms, MetricNames.PIXELS,
                inputs.memorisationQueries().count()));
    }
}
