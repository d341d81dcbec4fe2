package dev.aegan.ingest.catalog;

import dev.aegan.contracts.Split;
import dev.aegan.ingest.domain.DatasetState;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one upload or one consumed batch adds to one dataset: the images to publish per split,
 * in arrival order, and the dataset's state before and after.
 */
public record DatasetChange(String dataset, Optional<DatasetState> before, DatasetState after,
                            Map<Split, List<Accepted>> accepted) {

    /** One image as it will be published: normalised (and fitted) pixels and its label. */
    public record Accepted(byte[] pixels, int label) {
    }

    public boolean created() {
        return before.isEmpty();
    }

    public long acceptedCount(Split split) {
        return accepted.getOrDefault(split, List.of()).size();
    }
}
