package dev.aegan.gallery.domain;

import java.time.Instant;
import java.util.Map;

/** A checkpoint of a run and its grids, one field per {@link GridKind}. */
public record CheckpointView(String runId, long step, boolean last, Instant at, ImageStatus samples,
                             ImageStatus reconstructions, ImageStatus interpolations,
                             ImageStatus priorInterpolations) {

    /** A new checkpoint: every grid pending. */
    public static CheckpointView pending(String runId, long step, boolean last, Instant at) {
        ImageStatus pending = ImageStatus.pending();
        return new CheckpointView(runId, step, last, at, pending, pending, pending, pending);
    }

    /** This checkpoint with its grids as given (a kind left out stays as it was). */
    public CheckpointView with(Map<GridKind, ImageStatus> grids) {
        return new CheckpointView(runId, step, last, at, grids.getOrDefault(GridKind.samples, samples),
                grids.getOrDefault(GridKind.reconstructions, reconstructions),
                grids.getOrDefault(GridKind.interpolations, interpolations),
                grids.getOrDefault(GridKind.priorInterpolations, priorInterpolations));
    }

    public ImageStatus status(GridKind kind) {
        return switch (kind) {
            case samples -> samples;
            case reconstructions -> reconstructions;
            case interpolations -> interpolations;
            case priorInterpolations -> priorInterpolations;
        };
    }
}
