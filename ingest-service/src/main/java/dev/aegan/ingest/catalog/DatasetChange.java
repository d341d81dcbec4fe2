package dev.aegan.ingest.catalog;

import dev.aegan.contracts.Split;
import dev.aegan.ingest.domain.DatasetState;

import java.util.Map;
import java.util.Optional;

/**
 * What one upload or one consumed batch adds to one dataset: how many images per split, and the
 * dataset's state before and after. The images themselves are published as they are accepted.
 */
public record DatasetChange(String dataset, Optional<DatasetState> before, DatasetState after,
                            Map<Split, Long> accepted) {

    public DatasetChange {
        accepted = Map.copyOf(accepted);
    }

    public boolean created() {
        return before.isEmpty();
    }

    public long acceptedCount(Split split) {
        return accepted.getOrDefault(split, 0L);
    }

    public long acceptedTotal() {
        return accepted.values().stream().mapToLong(Long::longValue).sum();
    }
}
