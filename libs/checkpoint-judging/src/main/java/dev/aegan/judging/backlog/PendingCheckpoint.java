package dev.aegan.judging.backlog;

import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.RunSpec;

/**
 * A checkpoint of a run waiting to be judged: its step, whether it is the run's final one, and
 * whether the run asked for every checkpoint to be judged ({@link RunSpec#judging()}).
 */
public record PendingCheckpoint(String runId, long step, boolean last, boolean judgeEvery) {

    public static PendingCheckpoint of(CheckpointEvent event) {
        RunSpec spec = event.spec();
        return new PendingCheckpoint(event.runId(), event.step(), event.last(),
                spec != null && RunSpec.JUDGING_EVERY.equals(spec.judging()));
    }
}
