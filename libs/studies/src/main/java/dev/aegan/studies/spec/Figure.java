package dev.aegan.studies.spec;

import java.util.List;

/**
 * The plot a study's report draws: {@code frontier} (metrics[0] on x, metrics[1] on y, every run a
 * point, each group's Pareto front drawn), {@code lines} (metrics[0] over training steps, the mean over
 * seeds per series) or {@code bars} (metrics[0] per series, mean and spread over seeds).
 */
public record Figure(String kind, List<String> metrics, List<String> groups) {
    public static final List<String> KINDS = List.of("frontier", "lines", "bars");
}
