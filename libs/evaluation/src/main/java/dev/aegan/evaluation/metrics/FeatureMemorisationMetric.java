package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.MemorisationScores;

import java.util.List;

/**
 * FlexAE's feature memorisation score (IMS): mean distance of each memorisation query to its
 * nearest training image, in an extractor's space ({@code MemorisationScores}).
 */
public final class FeatureMemorisationMetric extends FeatureMetric {

    public FeatureMemorisationMetric() {
        super(Reference.TRAINING_IMAGES, MetricNames.FEATURE_MEMORISATION);
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        double ims = MemorisationScores.featureScore(inputs.memorisationQueries(), inputs.training());
        return List.of(value(inputs, MetricNames.FEATURE_MEMORISATION, ims, inputs.memorisationQueries().rows()));
    }
}
