package dev.aegan.ingest.endpoint;

import java.util.List;
import java.util.Map;

/**
 * Answer to a committed upload: what this upload added per split, and the dataset's totals
 * after it.
 */
public record UploadResult(String dataset, boolean created, Map<String, Long> accepted, int channels, int height,
                           int width, Map<String, Long> counts, long total, List<String> labelNames) {
}
