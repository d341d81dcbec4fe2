package dev.aegan.trainer.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.rest.ApiException;
import dev.aegan.trainer.domain.RunView;
import dev.aegan.trainer.topics.RunRequestIndex;
import dev.aegan.trainer.topics.RunRequestIndex.FirstRequest;
import dev.aegan.trainer.topics.RunRequestIndex.Position;
import dev.aegan.trainer.topics.TrainerEvents;
import dev.aegan.trainer.store.RunStore;
import dev.aegan.trainer.training.TrainerSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;

/**
 * Puts validated run requests on runs.requests, where any replica may pick them up. One run id is
 * one run: a request is the run only if it is the first record with that key on runs.requests
 * ({@link RunRequestIndex}), which holds whatever the timing and however many replicas race.
 */
@ApplicationScoped
public class RunQueue {
    @Inject
    TrainerEvents events;
    @Inject
    RunBoard board;
    @Inject
    RunStore store;
    @Inject
    RunRequestIndex index;
    @Inject
    TrainerSettings settings;

    /** Whether a run of this id was ever requested (on runs.requests, on runs.events, or with a spec in S3). */
    public boolean taken(String runId) {
        return index.first(runId).isPresent() || board.get(runId).isPresent() || store.spec(runId).isPresent();
    }

    /**
     * Queues the run unless its id is taken.
     *
     * @return true when this request is the run of its id; false when another request has the id
     *         (the record put on runs.requests for this one, if any, is skipped by every trainer)
     * @throws ApiException 503 QUEUE_UNAVAILABLE when the broker did not take the request, or this
     *                      replica has not read runs.requests yet; 503 QUEUE_UNCONFIRMED when it
     *                      could not read its own request back in time
     */
    public boolean queue(RunSpec spec) {
        Duration confirmTimeout = settings.queueConfirmTimeout();
        requireCompleteIndex();
        if (taken(spec.runId())) {
            return false;
        }
        Position at;
        try {
            at = events.request(spec);
        } catch (RuntimeException e) {
            throw new ApiException(503, "QUEUE_UNAVAILABLE", "run " + spec.runId() + " could not be queued on "
                    + "runs.requests (" + e.getMessage() + "); GET /runs/" + spec.runId() + " shows it if it was queued "
                    + "after all, else try again");
        }
        if (!index.awaitRead(at, confirmTimeout)) {
            throw new ApiException(503, "QUEUE_UNCONFIRMED", "run " + spec.runId() + " was put on runs.requests, but "
                    + "this trainer could not read it back within " + confirmTimeout + " to tell whether it is the first "
                    + "request for that id; GET /runs/" + spec.runId() + " shows it once a trainer announced it");
        }
        boolean first = index.first(spec.runId()).map(run -> run.position().equals(at)).orElse(false);
        if (first) {
            board.accepted(RunEvent.of(spec, RunEvent.State.queued, 0, null));
        }
        return first;
    }

    /**
     * Whether the run of this spec's id was requested with another spec: false when the id is free or
     * its run is this very spec (a repeated request).
     *
     * @throws ApiException 503 QUEUE_UNAVAILABLE when this replica has not read runs.requests yet
     */
    public boolean takenByAnother(RunSpec spec) {
        requireCompleteIndex();
        Optional<String> requested = index.first(spec.runId()).map(FirstRequest::value)
                .or(() -> board.get(spec.runId()).map(RunView::spec).map(EventJson::writeString))
                .or(() -> store.spec(spec.runId()).map(EventJson::writeString));
        return requested.isPresent() && !sameJson(requested.get(), EventJson.writeString(spec));
    }

    private void requireCompleteIndex() {
        Duration confirmTimeout = settings.queueConfirmTimeout();
        if (!index.awaitComplete(confirmTimeout)) {
            throw new ApiException(503, "QUEUE_UNAVAILABLE", "this trainer has not finished reading runs.requests within "
                    + confirmTimeout + " (is the broker reachable?); try again");
        }
    }

    private static boolean sameJson(String a, String b) {
        try {
            return EventJson.MAPPER.readTree(a).equals(EventJson.MAPPER.readTree(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
