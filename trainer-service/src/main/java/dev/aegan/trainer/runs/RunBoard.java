package dev.aegan.trainer.runs;

import dev.aegan.contracts.events.RunEvent;
import dev.aegan.trainer.domain.RunView;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every run this replica has heard of, rebuilt from runs.events (read from the beginning by each
 * replica), with live progress added for the runs this replica trains.
 */
@ApplicationScoped
public class RunBoard {
    private final Map<String, RunView> views = new ConcurrentHashMap<>();
    private final ActiveRuns active;

    RunBoard(ActiveRuns active) {
        this.active = active;
    }

    /** Applies an event read from runs.events, in topic order. */
    public void apply(RunEvent event) {
        views.compute(event.runId(), (id, current) -> next(current, event));
    }

    /**
     * Records an event this replica just published, unless runs.events already brought news of
     * the run: GET right after POST then shows the run without waiting for the consumer.
     */
    public void applyIfUnknown(RunEvent event) {
        views.computeIfAbsent(event.runId(), id -> next(null, event));
    }

    public Optional<RunView> get(String runId) {
        return Optional.ofNullable(views.get(runId)).map(this::withLive);
    }

    /** Every run, most recently updated first. */
    public List<RunView> all() {
        return views.values().stream()
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
