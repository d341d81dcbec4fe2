package dev.aegan.ingest.domain;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.events.DatasetEvent;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What is known of a dataset once its images are committed: the shape fixed by its first image,
 * totals per split and per label index, and label names (name of label i at index i). It is exactly the content of
 * the dataset's latest {@link DatasetEvent}, so it can be rebuilt from {@code datasets.events}.
 */
public record DatasetState(String name, Shape shape, Map<Split, Long> counts, List<String> labelNames,
                           boolean sealed, Map<Integer, Long> countsByLabel) {

    public DatasetState {
        EnumMap<Split, Long> all = new EnumMap<>(Split.class);
        for (Split split : Split.values()) {
            all.put(split, counts.getOrDefault(split, 0L));
        }
        counts = Map.copyOf(all);
        labelNames = List.copyOf(labelNames);
        countsByLabel = Map.copyOf(countsByLabel);
    }

    /** A dataset whose images' labels were not counted. */
    public DatasetState(String name, Shape shape, Map<Split, Long> counts, List<String> labelNames, boolean sealed) {
        this(name, shape, counts, labelNames, sealed, Map.of());
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
        Map<Integer, Long> byLabel = new TreeMap<>();
        if (event.countsByLabel() != null) {
            event.countsByLabel().forEach((label, count) -> byLabel.put(Integer.valueOf(label), count));
        }
        return new DatasetState(event.dataset(), new Shape(event.channels(), event.height(), event.width()), counts,
                event.labelNames() == null ? List.of() : event.labelNames(),
                event.type() == DatasetEvent.Type.sealed, byLabel);
    }

    public DatasetEvent toEvent(DatasetEvent.Type type, Instant at) {
        Map<String, Long> bySplit = new LinkedHashMap<>();
        for (Split split : Split.values()) {
            bySplit.put(split.wireName(), counts.get(split));
        }
        Map<String, Long> byLabel = new LinkedHashMap<>();
        new TreeMap<>(countsByLabel).forEach((label, count) -> byLabel.put(String.valueOf(label), count));
        return new DatasetEvent(DatasetEvent.SCHEMA, type, name, shape.channels(), shape.height(), shape.width(),
                bySplit, labelNames, at, byLabel);
    }
}
