package dev.aegan.studies.rules;

import java.util.List;

/**
 * A value over seeds: its mean, sample standard deviation (0 for one seed) and how many seeds had it;
 * mean and sd are absent when no seed had it.
 */
public record Spread(String series, String metric, Double mean, Double sd, int seeds) {

    public static Spread of(String series, String metric, List<Double> values) {
        if (values.isEmpty()) {
            return new Spread(series, metric, null, null, 0);
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = values.size() < 2 ? 0 : Math.sqrt(squares / (values.size() - 1));
        return new Spread(series, metric, mean, sd, values.size());
    }
}
