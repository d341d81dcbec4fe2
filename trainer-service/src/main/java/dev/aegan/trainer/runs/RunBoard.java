package dev.aegan.trainer.runs;

import dev.aegan.contracts.events.RunEvent;
import dev.aegan.trainer.domain.RunView;
import dev.aegan.trainer.topics.ReadPositions;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every run this replica has heard of, rebuilt from runs.events (read from the beginning by each
 * replica), with live progress added for the runs this replica trains.
 */
@ApplicationScoped
public class RunBoard {
    /** From runs.events, or published there by this replica. */
    private final Map<String, RunView> views = new ConcurrentHashMap<>();
    /** Accepted by POST /runs here, before the trainer that owns the request announced it on runs.events. */
    private final Map<String, RunView> accepted = new ConcurrentHashMap<>();
    private final ReadPositions read = new ReadPositions();
    private final ActiveRuns active;

    RunBoard(ActiveRuns active) {
        this.active = active;
    }

    /** Applies an event read from runs.events, in topic order. */
    public void apply(RunEvent event) {
        views.compute(event.runId(), (id, current) -> next(current, event));
        accepted.remove(event.runId());
    }

    /** runs.events was read up to and including {@code offset} of {@code partition}, whatever that record held. */
    public void read(int partition, long offset) {
        read.advance(partition, offset + 1);
    }

    /** Waits until runs.events was read up to the given end offsets by partition; false on timeout. */
    public boolean awaitRead(Map<Integer, Long> endOffsets, Duration timeout) {
        return read.awaitReached(endOffsets, timeout);
    }

    /**
     * Records an event this replica just published, unless runs.events already brought news of
     * the run, so that this replica knows it before the consumer reads it back.
     */
    public void applyIfUnknown(RunEvent event) {
        views.computeIfAbsent(event.runId(), id -> next(null, event));
        accepted.remove(event.runId());
    }

    /**
     * Shows a run POST /runs just accepted here as {@code queued} until its events come from
     * runs.events: GET right after POST finds the run on the replica that accepted it.
     */
    public void accepted(RunEvent queued) {
        if (!views.containsKey(queued.runId())) {
            accepted.putIfAbsent(queued.runId(), next(null, queued));
        }
    }

    /** Whether runs.events has (or this replica published there) an event of the run. */
    public boolean announced(String runId) {
        return views.containsKey(runId);
    }

    public Optional<RunView> get(String runId) {
        return Optional.ofNullable(views.getOrDefault(runId, accepted.get(runId))).map(this::withLive);
    }

    /** Every run, most recently updated first. */
    public List<RunView> all() {
        return Stream.concat(views.values().stream(),
                        accepted.values().stream().filter(view -> !views.containsKey(view.runId())))
                .sorted(Comparator.comparing(RunView::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(RunView::runId))
                .map(this::withLive)
                .toList();
    }

    private RunView withLive(RunView view) {
        return active.get(view.runId())
                .map(run -> new RunView(view.runId(), view.state(), view.step(), view.reason(), view.spec(),
                        view.updatedAt(), view.lastCheckpointStep(), run.live()))
                .orElse(view);
    }

    private static RunView next(RunView current, RunEvent event) {
        Long checkpoint = event.state() == RunEvent.State.checkpointed ? Long.valueOf(event.step())
                : current == null ? null : current.lastCheckpointStep();
        return new RunView(event.runId(), event.state(), event.step(), event.reason(),
                event.spec() != null ? event.spec() : current == null ? null : current.spec(), event.at(), checkpoint,
                null);
    }
}
