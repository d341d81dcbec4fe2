package dev.aegan.ingest.domain;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.events.DatasetEvent;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is known of a dataset once its images are committed: the shape fixed by its first image,
 * totals per split and label names (name of label i at index i). It is exactly the content of
 * the dataset's latest {@link DatasetEvent}, so it can be rebuilt from {@code datasets.events}.
 */
public record DatasetState(String name, Shape shape, Map<Split, Long> counts, List<String> labelNames,
                           boolean sealed) {

    public DatasetState {
        EnumMap<Split, Long> all = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            all.put(split, counts.getOrDefault(split, 0L));
        }
        counts = Map.copyOf(all);
        labelNames = List.copyOf(labelNames);
    }

    public long count(Split split) {
        return counts.get(split);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    public static DatasetState of(DatasetEvent event) {
        EnumMap<Split, Long> counts = new EnumMap<>(Split.class);
        event.countsBySplit().forEach((split, count) -> counts.put(Split.parse(split), count));
        return new DatasetState(event.dataset(), new Shape(event.channels(), event.height(), event.width()), counts,
                event.labelNames() == null ? List.of() : event.labelNames(),
                event.type() == DatasetEvent.Type.sealed);
    }

    public DatasetEvent toEvent(DatasetEvent.Type type, Instant at) {
        Map<String, Long> bySplit = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            bySplit.put(split.wireName(), counts.get(split));
        }
        return new DatasetEvent(DatasetEvent.SCHEMA, type, name, shape.channels(), shape.height(), shape.width(),
                bySplit, labelNames, at);
    }
}
