package dev.aegan.contracts.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A dataset was created, extended with more images, or sealed (no more images accepted).
 * Counts are totals so far, per split ({@code train}, {@code heldout}).
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
        Instant at) {

    public static final String SCHEMA = "aegan.dataset-event/v1";

    public enum Type {
        created, extended, sealed
    }

    public long total() {
        return countsBySplit.values().stream().mapToLong(Long::longValue).sum();
    }
}
