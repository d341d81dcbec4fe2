package dev.aegan.gallery.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A dataset as its latest event describes it, with the ingest records rejected for it (counts by
 * reason code, and the latest few, newest first). A dataset known only from rejections has no shape
 * and no counts. {@code countsByLabel} is keyed by label index; {@code labelNames} names them where known.
 */
public record DatasetView(String name, Integer channels, Integer height, Integer width,
                          Map<String, Long> countsBySplit, List<String> labelNames, String lastEvent,
                          Instant updatedAt, long rejected, Map<String, Long> rejectedByReason,
                          Map<String, Long> countsByLabel, List<RejectedRecord> latestRejected) {
}
