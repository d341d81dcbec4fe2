package dev.aegan.studies.rules;

import java.util.Map;
import java.util.Optional;

/** The paper's reference values a study declares, by (series, metric), with where each comes from. */
public record PaperValues(Map<String, Map<String, PaperValue>> bySeries) {

    /** One reference value and its source (table, figure, line of the paper). */
    public record PaperValue(double value, String source) {
    }

    public Optional<PaperValue> of(String series, String metric) {
        return Optional.ofNullable(bySeries.getOrDefault(series, Map.of()).get(metric));
    }
}
