package dev.aegan.gallery.domain;

import java.util.Locale;

/**
 * The event types of {@code /api/stream}, defined once: the SSE event name on the wire is
 * {@link #wireName()}, the constant's name in lower case. The page mirrors them by name in
 * {@code js/events.js} (a test keeps the two lists equal).
 */
public enum GalleryEvent {
    /** Sent first on every connection ({@code {at}}); the page then re-reads the REST API. */
    HELLO,
    /** Every {@code aegan.gallery.stream-heartbeat}, with no data ({@code {}}). */
    PING,
    /** A dataset changed ({@link DatasetView}). */
    DATASET,
    /** A run changed ({@link RunSummary}). */
    RUN,
    /** Training metrics of a step ({@code {runId, step, values, imagesPerSecond}}). */
    METRIC,
    /** A checkpoint announced ({@link CheckpointView}). */
    CHECKPOINT,
    /** A checkpoint's grids rendered or failed ({@link CheckpointView}). */
    IMAGES,
    /** An evaluation of a checkpoint ({@code EvaluationEvent}). */
    EVALUATION,
    /** A run joined a sweep or its spec became known ({@link RunComparison}). */
    GROUP,
    /** A study's event, one of its runs or evaluations, or the writing of its report ({@link StudySummary}). */
    STUDY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
