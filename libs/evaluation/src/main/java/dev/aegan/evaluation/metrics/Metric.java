package dev.aegan.evaluation.metrics;

import java.util.List;

/**
 * One metric of the evaluation: the names it publishes and what it compares the model's output with
 * (given to this constructor), and its settings (its own constructor's arguments, from
 * {@link EvaluationSettings}). It is computed in pixel space ({@link PixelMetric}) or once in the
 * space of every feature extractor ({@link FeatureMetric}). Every metric the evaluation runs is
 * listed in {@link MetricRegistry}.
 */
public abstract sealed class Metric permits PixelMetric, FeatureMetric {
    /** torch-fidelity's default seed, used for KID subsets, Inception-score splits and MS-SSIM pairs. */
    protected static final long SEED = 2020;

    private final Reference reference;
    private final List<String> names;

    Metric(Reference reference, String... names) {
        this.reference = reference;
        this.names = List.of(names);
    }

    /**
     * The names it publishes ({@link MetricNames}), in the order it computes them; a feature metric's
     * are published as {@code <name>@<extractor>}.
     */
    public final List<String> names() {
        return names;
    }

    public final Reference reference() {
        return reference;
    }
}
