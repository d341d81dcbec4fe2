package dev.aegan.judging.domain;

import java.time.Instant;

/** A checkpoint that was acknowledged without evaluations, and why. */
public record SkippedCheckpoint(String runId, long step, SkipReason reason, String message, Instant at) {
}
