package dev.aegan.ingest.endpoint;

import dev.aegan.contracts.Split;
import dev.aegan.ingest.domain.DatasetState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A dataset as {@code GET /datasets} shows it: shape (C, H, W), totals per split, label names. */
public record DatasetTotals(String dataset, int channels, int height, int width, Map<String, Long> counts, long total,
                          List<String> labelNames, boolean sealed) {

    static DatasetTotals of(DatasetState state) {
        return new DatasetTotals(state.name(), state.shape().channels(), state.shape().height(), state.shape().width(),
                bySplit(state.counts()), state.total(), state.labelNames(), state.sealed());
    }

    static Map<String, Long> bySplit(Map<Split, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            out.put(split.wireName(), counts.getOrDefault(split, 0L));
        }
        return out;
    }
}
