package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.features.LpipsNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every metric an evaluation computes, in the order they are published. To add a metric, write a
 * {@link PixelMetric} or {@link FeatureMetric} (its names, its {@link Reference}, its settings as
 * constructor arguments) and list it here; {@link ModelEvaluator} runs it in its reference's stage.
 * Within a stage, consecutive feature metrics run extractor by extractor.
 */
public final class MetricRegistry {

    private MetricRegistry() {
    }

    /** @param lpips the user's LPIPS network, when one is configured ({@code lpips_reconstruction}) */
    public static List<Metric> metrics(EvaluationSettings settings, Optional<LpipsNetwork> lpips) {
        List<Metric> metrics = new ArrayList<>(List.of(
                new FidMetric(),
                new KidMetric(settings.kidSubsets(), settings.kidSubsetSize()),
                new InceptionScoreMetric(),
                new ClassCoverageMetric(),
                new ClassifierConfidenceMetric(),
                new ManifoldMetric(),
                new DistributionPrecisionRecallMetric(),
                new MsSsimDiversityMetric(settings.diversityPairs()),
                new PixelReconstructionMetric()));
        lpips.ifPresent(network -> metrics.add(new LpipsReconstructionMetric(network, settings.batchSize())));
        metrics.addAll(List.of(
                new PerceptualDistanceMetric(),
                new ReconstructionFidMetric(),
                new PixelMemorisationMetric(),
                new FeatureMemorisationMetric()));
        return List.copyOf(metrics);
    }
}
