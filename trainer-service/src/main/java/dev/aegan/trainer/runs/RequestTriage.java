package dev.aegan.trainer.runs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.trainer.domain.RunIds;
import dev.aegan.trainer.topics.RunRequestIndex;
import dev.aegan.trainer.topics.RunRequestIndex.FirstRequest;
import dev.aegan.trainer.topics.RunRequestIndex.Position;
import dev.aegan.trainer.topics.TrainerEvents;
import dev.aegan.trainer.runs.RunExecutor.RunRequest;
import dev.aegan.trainer.training.TrainerSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * What the work consumer makes of a runs.requests record before anything else. Only the first
 * record of a run id is that run ({@link RunRequestIndex}); a later one is a duplicate and is
 * skipped without a word on runs.events, where it could only garble the run's state. A record
 * without a key whose body names a run id is put back on the topic keyed by that id, where it
 * takes its place in the id's order like any other request.
 */
@ApplicationScoped
public class RequestTriage {

    /** What to do with a record. */
    public enum Verdict {
        /** The run of its id (or of its position, when its key is no run id): train it. */
        TRAIN,
        /** A duplicate, or re-keyed: acknowledge it, nothing more. */
        SKIP,
        /** This replica no longer owns the record's partition: leave it to the next owner. */
        LET_GO
    }

    private final RunRequestIndex index;
    private final QueuedAnnouncer announcer;
    private final ActiveRuns active;
    private final TrainerEvents events;
    private final Duration waitReport;
    private final Counter duplicates;

    RequestTriage(RunRequestIndex index, QueuedAnnouncer announcer, ActiveRuns active, TrainerEvents events,
                  TrainerSettings settings, MeterRegistry meters) {
        this.index = index;
        this.announcer = announcer;
        this.active = active;
        this.events = events;
        this.waitReport = settings.queueConfirmTimeout();
        this.duplicates = meters.counter("aegan.trainer.duplicate.requests");
    }

    public Verdict triage(RunRequest request) {
        if (request.key() == null) {
            Optional<String> named = runIdIn(request.value());
            if (named.isPresent()) {
                events.forward(named.get(), request.value());
                Log.infof("run request at %s offset %d has no key; put back on the topic keyed by its runId %s",
                        request.partition(), request.offset(), named.get());
                return Verdict.SKIP;
            }
            return Verdict.TRAIN;
        }
        if (!RunIds.isValid(request.key())) {
            return Verdict.TRAIN;
        }
        Position at = new Position(request.partition().partition(), request.offset());
        while (!index.awaitRead(at, waitReport)) {
            if (active.closing() || !active.owns(request.partition())) {
                return Verdict.LET_GO;
            }
            Log.warnf("run request at %s offset %d is still waiting for this trainer's index of runs.requests to read "
                    + "that far", request.partition(), request.offset());
        }
        Optional<FirstRequest> first = index.first(request.key());
        if (first.isEmpty() || !first.get().position().equals(at)) {
            duplicates.increment();
            Log.warnf("skipping the run request at %s offset %d: run %s is the request at %s", request.partition(),
                    request.offset(), request.key(), first.map(FirstRequest::position).orElse(null));
            return Verdict.SKIP;
        }
        return announcer.beforeStart(first.get()) ? Verdict.TRAIN : Verdict.LET_GO;
    }

    private static Optional<String> runIdIn(String value) {
        try {
            JsonNode runId = EventJson.MAPPER.readTree(value).get("runId");
            return runId != null && runId.isTextual() && RunIds.isValid(runId.asText())
                    ? Optional.of(runId.asText()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
