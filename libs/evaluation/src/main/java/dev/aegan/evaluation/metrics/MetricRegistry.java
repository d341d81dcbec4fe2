package dev.aegan.evaluation.metrics;

import java.util.List;

/**
 * Every metric an evaluation computes, in the order they are published. To add a metric, write a
 * {@link PixelMetric} or {@link FeatureMetric} (its names, its {@link Reference}, its settings as
 * constructor arguments) and list it here; {@link ModelEvaluator} runs it in its reference's stage.
 * Within a stage, consecutive feature metrics run extractor by extractor.
 */
public final class MetricRegistry {

    private MetricRegistry() {
    }

    public static List<Metric> metrics(EvaluationSettings settings) {
        return List.of(
                new FidMetric(),
                new KidMetric(settings.kidSubsets(), settings.kidSubsetSize()),
                new InceptionScoreMetric(),
                new ClassCoverageMetric(),
                new ClassifierConfidenceMetric(),
                new PrecisionRecallMetric(),
                new DistributionPrecisionRecallMetric(),
                new DensityCoverageMetric(),
                new MsSsimDiversityMetric(settings.diversityPairs()),
                new PixelReconstructionMetric(),
                new PerceptualDistanceMetric(),
                new ReconstructionFidMetric(),
                new PixelMemorisationMetric(),
                new FeatureMemorisationMetric());
    }
}
