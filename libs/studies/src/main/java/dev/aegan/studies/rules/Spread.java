package dev.aegan.studies.rules;

import java.util.List;

/** A value over seeds: its mean, sample standard deviation (0 for one seed) and how many seeds had it. */
public record Spread(String series, String metric, double mean, double sd, int seeds) {

    public static Spread of(String series, String metric, List<Double> values) {
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
        double sd = values.size() < 2 ? 0 : Math.sqrt(squares / (values.size() - 1));
        return new Spread(series, metric, mean, sd, values.size());
    }
}
