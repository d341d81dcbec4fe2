package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.InceptionScore;
import dev.aegan.evaluation.ScoreWithSpread;

import java.util.List;

import static dev.aegan.evaluation.metrics.MetricNames.of;

/**
 * Inception-style score of the samples' class probabilities: mean and standard deviation over 10
 * shuffled splits. Nothing for an extractor without class probabilities.
 */
public final class InceptionScoreMetric implements FeatureMetric {

    @Override
    public List<String> names() {
        return List.of(MetricNames.INCEPTION_SCORE_MEAN, MetricNames.INCEPTION_SCORE_STD);
    }

    @Override
    public Reference reference() {
        return Reference.NONE;
    }

    @Override
    public List<MetricValue> compute(FeatureInputs inputs) {
        if (inputs.samples().probabilities() == null) {
            return List.of();
        }
        String extractor = inputs.extractor();
        int n = inputs.samples().features().rows();
        ScoreWithSpread is = InceptionScore.compute(inputs.samples().probabilities(), InceptionScore.DEFAULT_SPLITS,
                SEED);
        return List.of(new MetricValue(of(MetricNames.INCEPTION_SCORE_MEAN, extractor), is.mean(), extractor, n),
                new MetricValue(of(MetricNames.INCEPTION_SCORE_STD, extractor), is.std(), extractor, n));
    }
}
