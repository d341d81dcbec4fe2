package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.MemorisationScores;

import java.util.List;

/**
 * FlexAE's feature memorisation score (IMS, Table 4) in an extractor's space ({@code MemorisationScores}):
 * the memorisation queries against the training images ({@code feature_memorisation}, generated-train)
 * and the held-out reference ({@code _generated_heldout}), beside the data-against-data rows
 * ({@code _train_train}, {@code _heldout_train}, from the extractor's {@link MemorisationBaseline}).
 */
public final class FeatureMemorisationMetric extends FeatureMetric {

    public FeatureMemorisationMetric() {
        super(Reference.TRAINING_IMAGES, MetricNames.FEATURE_MEMORISATION,
                MetricNames.FEATURE_MEMORISATION + MetricNames.GENERATED_HELDOUT,
                MetricNames.FEATURE_MEMORISATION + MetricNames.TRAIN_TRAIN,
                MetricNames.FEATURE_MEMORISATION + MetricNames.HELDOUT_TRAIN);
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        double generatedTrain = MemorisationScores.featureScore(inputs.memorisationQueries(), inputs.training());
        double generatedHeldOut = MemorisationScores.featureScore(inputs.memorisationQueries(),
                inputs.heldOut().features());
        int n = inputs.memorisationQueries().rows();
        MemorisationBaseline baseline = inputs.memorisationBaseline();
        return List.of(value(inputs, names().get(0), generatedTrain, n), value(inputs, names().get(1), generatedHeldOut, n),
                value(inputs, names().get(2), baseline.trainTrain(), baseline.queries()),
                value(inputs, names().get(3), baseline.heldOutTrain(), baseline.queries()));
    }
}
