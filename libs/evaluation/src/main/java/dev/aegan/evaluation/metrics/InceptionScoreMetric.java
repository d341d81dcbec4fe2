package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.InceptionScore;
import dev.aegan.evaluation.ScoreWithSpread;

import java.util.List;

/**
 * Inception-style score of the samples' class probabilities: mean and standard deviation over 10
 * shuffled splits. Nothing for an extractor without class probabilities.
 */
public final class InceptionScoreMetric extends FeatureMetric {

    public InceptionScoreMetric() {
        super(Reference.NONE, MetricNames.INCEPTION_SCORE_MEAN, MetricNames.INCEPTION_SCORE_STD);
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        if (inputs.samples().probabilities() == null) {
            return List.of();
        }
        ScoreWithSpread is = InceptionScore.compute(inputs.samples().probabilities(), InceptionScore.DEFAULT_SPLITS,
                SEED);
        return List.of(value(inputs, MetricNames.INCEPTION_SCORE_MEAN, is.mean(), sampleCount(inputs)),
                value(inputs, MetricNames.INCEPTION_SCORE_STD, is.std(), sampleCount(inputs)));
    }
}
