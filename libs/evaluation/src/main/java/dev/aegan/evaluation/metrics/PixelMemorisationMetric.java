package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.MemorisationScores;
import dev.aegan.evaluation.UnitIntervalImages;

import java.util.List;

/**
 * FlexAE's pixel memorisation score (PMS, Table 4) in pixel space ({@code MemorisationScores}): the
 * memorisation queries (the first samples) against their nearest training image ({@code pixel_memorisation},
 * the table's generated-train row) and nearest held-out image ({@code _generated_heldout}), beside the
 * data-against-data rows it is read against ({@code _train_train}, {@code _heldout_train}, from the
 * {@link MemorisationBaseline}).
 */
public final class PixelMemorisationMetric extends PixelMetric {

    public PixelMemorisationMetric() {
        super(Reference.TRAINING_IMAGES, MetricNames.PIXEL_MEMORISATION,
                MetricNames.PIXEL_MEMORISATION + MetricNames.GENERATED_HELDOUT,
                MetricNames.PIXEL_MEMORISATION + MetricNames.TRAIN_TRAIN,
                MetricNames.PIXEL_MEMORISATION + MetricNames.HELDOUT_TRAIN);
    }

    @Override
    public List<MetricValue> compute(PixelInputs inputs) {
        PixelMemorisationReference memorisation = inputs.memorisation();
        UnitIntervalImages queries = inputs.memorisationQueries().toUnitInterval();
        double generatedTrain = MemorisationScores.pixelScore(queries, memorisation.training().toUnitInterval());
        double generatedHeldOut = MemorisationScores.pixelScore(queries, memorisation.heldOut().toUnitInterval());
        int n = queries.count();
        MemorisationBaseline baseline = memorisation.baseline();
        return List.of(value(names().get(0), generatedTrain, n), value(names().get(1), generatedHeldOut, n),
                value(names().get(2), baseline.trainTrain(), baseline.queries()),
                value(names().get(3), baseline.heldOutTrain(), baseline.queries()));
    }
}
