package dev.aegan.trainer.domain;

import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;

import java.time.Instant;

/**
 * What GET /runs answers for one run: its latest state from runs.events and, while this replica
 * trains it, live progress.
 *
 * @param step               the step of the latest RunEvent
 * @param lastCheckpointStep the step of the latest {@code checkpointed} event, null before the first
 * @param live               present only on the replica training the run
 */
public record RunView(String runId, RunEvent.State state, long step, String reason, RunSpec spec, Instant updatedAt,
                      Long lastCheckpointStep, LiveProgress live) {

    /** Progress of a run this replica is training right now. */
    public record LiveProgress(long step, long steps, double imagesPerSecond, String device, Instant startedAt) {
    }
}
