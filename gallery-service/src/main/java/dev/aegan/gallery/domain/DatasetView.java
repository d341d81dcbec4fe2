package dev.aegan.gallery.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A dataset as its latest event describes it, with the ingest records rejected for it. A dataset
 * known only from rejections has no shape and no counts.
 */
public record DatasetView(String name, Integer channels, Integer height, Integer width,
                          Map<String, Long> countsBySplit, List<String> labelNames, String lastEvent,
                          Instant updatedAt, long rejected, Map<String, Long> rejectedByReason) {
}
