package dev.aegan.gallery.domain;

/**
 * What {@code /api/stream} sends: the SSE event name is {@code type}, its data {@code data} as JSON.
 * Types: {@code dataset} ({@link DatasetView}), {@code run} ({@link RunSummary}), {@code metric}
 * ({@code {runId, step, values, imagesPerSecond}}), {@code checkpoint} and {@code images}
 * ({@link CheckpointView}: announced, then grids rendered or failed), {@code evaluation}
 * ({@code EvaluationEvent}), {@code group} ({@link RunComparison}: a run joined the sweep or its spec
 * became known).
 */
public record StreamEvent(String type, Object data) {
}
