package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.MemorisationScores;

import java.util.List;

import static dev.aegan.evaluation.metrics.MetricNames.of;

/**
 * FlexAE's feature memorisation score (IMS): mean distance of each memorisation query to its
 * nearest training image, in an extractor's space ({@code MemorisationScores}).
 */
public final class FeatureMemorisationMetric implements FeatureMetric {

    @Override
    public List<String> names() {
        return List.of(MetricNames.FEATURE_MEMORISATION);
    }

    @Override
    public Reference reference() {
        return Reference.TRAINING_IMAGES;
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        return List.of(new MetricValue(of(MetricNames.FEATURE_MEMORISATION, inputs.extractor()),
                MemorisationScores.featureScore(inputs.memorisationQueries(), inputs.training()), inputs.extractor(),
                inputs.memorisationQueries().rows()));
    }
}
