package dev.aegan.ingest.endpoint;

import dev.aegan.ingest.decode.SkippedEntry;

import java.util.List;
import java.util.Map;

/**
 * Answer to a committed upload: what this upload added per split, the dataset's totals after it,
 * and the archive entries it left out ({@code skipped}: the first 100, with why; {@code skippedCount}: all).
 */
public record UploadResult(String dataset, boolean created, Map<String, Long> accepted, int channels, int height,
                           int width, Map<String, Long> counts, long total, List<String> labelNames,
                           List<SkippedEntry> skipped, long skippedCount) {
}
