package dev.aegan.gallery.domain;

import java.time.Instant;

/** A checkpoint of a run and its two grids. */
public record CheckpointView(String runId, long step, boolean last, Instant at, ImageStatus samples,
                             ImageStatus reconstructions) {
}
