package dev.aegan.studies.spec;

import java.util.Set;

/**
 * Metric names being added to metrics-service on another branch (FlexAE's reconstruction FID and
 * precision/recall F-scores). Delete this class and its one use in {@link KnownMetrics} once
 * {@code MetricNames} publishes them.
 */
final class PendingMetricNames {
    static final Set<String> NAMES = Set.of("rec_fid", "prd_f8", "prd_f1_8");

    private PendingMetricNames() {
    }
}
