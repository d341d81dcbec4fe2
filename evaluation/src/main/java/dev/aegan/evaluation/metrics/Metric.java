package dev.aegan.evaluation.metrics;

import java.util.List;

/**
 * One metric of the evaluation: the names it publishes, what it compares the model's output with,
 * and (as constructor arguments, from {@link EvaluationSettings}) its settings. It is computed in
 * pixel space ({@link PixelMetric}) or once in the space of every feature extractor
 * ({@link FeatureMetric}). Every metric the evaluation runs is listed in {@link MetricRegistry}.
 */
public sealed interface Metric permits PixelMetric, FeatureMetric {
    /** torch-fidelity's default seed, used for KID subsets, Inception-score splits and MS-SSIM pairs. */
    long SEED = 2020;

    /**
     * The names it publishes ({@link MetricNames}), in the order it computes them; a feature metric's
     * are published as {@code <name>@<extractor>}.
     */
    List<String> names();

    Reference reference();
}
