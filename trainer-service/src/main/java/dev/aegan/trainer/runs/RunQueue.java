package dev.aegan.trainer.runs;

import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.rest.ApiException;
import dev.aegan.trainer.domain.SpecRejection;
import dev.aegan.trainer.messaging.TrainerEvents;
import dev.aegan.trainer.store.CheckpointStore;
import jakarta.enterprise.context.ApplicationScoped;

/** Puts validated run requests on runs.requests, where any replica may pick them up. */
@ApplicationScoped
public class RunQueue {
    private final TrainerEvents events;
    private final RunBoard board;
    private final CheckpointStore store;

    RunQueue(TrainerEvents events, RunBoard board, CheckpointStore store) {
        this.events = events;
        this.board = board;
        this.store = store;
    }

    /** Whether a run of this id was ever requested (it is on runs.events or has a spec in S3). */
    public boolean taken(String runId) {
        return board.get(runId).isPresent() || store.spec(runId).isPresent();
    }

    /**
     * @throws ApiException 409 RUN_EXISTS when the id is taken, 503 QUEUE_UNAVAILABLE when the
     *                      broker did not take the request (the run is then announced failed)
     */
    public void queue(RunSpec spec) {
        if (taken(spec.runId())) {
            throw ApiException.conflict(SpecRejection.RUN_EXISTS.name(), "run id '" + spec.runId()
                    + "' is taken; leave runId out to get a fresh one, or choose another");
        }
        // queued goes out before the request, so no trainer's running event can precede it on runs.events.
        RunEvent queued = RunEvent.of(spec, RunEvent.State.queued, 0, null);
        events.runEvent(queued);
        board.applyIfUnknown(queued);
        try {
            events.request(spec);
        } catch (RuntimeException e) {
            events.runEvent(RunEvent.of(spec, RunEvent.State.failed, 0,
                    "INTERNAL_ERROR: the request could not be put on runs.requests: " + e.getMessage()));
            throw new ApiException(503, "QUEUE_UNAVAILABLE", "run " + spec.runId()
                    + " could not be queued on runs.requests (" + e.getMessage() + "); try again");
        }
    }
}
