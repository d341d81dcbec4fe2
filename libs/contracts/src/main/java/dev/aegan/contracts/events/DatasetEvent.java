package dev.aegan.contracts.events;

import dev.aegan.contracts.Split;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A dataset was created, extended with more images, or sealed (no more images accepted).
 * Counts are totals so far, per split ({@code train}, {@code heldout}) and per label index
 * ({@code "0"}, {@code "1"}, ...; unlabelled images are in no label's count; absent from events of
 * writers that did not count them). {@code labelNames}: name of label i at index i, when known.
 */
public record DatasetEvent(
        String schema,
        Type type,
        String dataset,
        int channels,
        int height,
        int width,
        Map<String, Long> countsBySplit,
        List<String> labelNames,
        Instant at,
        Map<String, Long> countsByLabel) {

    public static final String SCHEMA = "aegan.dataset-event/v1";

    public enum Type {
        created, extended, sealed
    }

    /** An event without counts per label. */
    public DatasetEvent(String schema, Type type, String dataset, int channels, int height, int width,
                        Map<String, Long> countsBySplit, List<String> labelNames, Instant at) {
        this(schema, type, dataset, channels, height, width, countsBySplit, labelNames, at, null);
    }

    /** How many images the dataset holds in {@code split}: 0 where the event counts none. */
    public long count(Split split) {
        return countsBySplit == null ? 0 : countsBySplit.getOrDefault(split.wireName(), 0L);
    }

    public long total() {
        return countsBySplit.values().stream().mapToLong(Long::longValue).sum();
    }
}
