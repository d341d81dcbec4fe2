package dev.aegan.gallery.state;

import dev.aegan.contracts.events.DataSeen;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.gallery.domain.CheckpointView;
import dev.aegan.gallery.domain.RunSummary;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Everything the gallery knows of one run; guarded by {@link GalleryState}'s lock. */
final class RunState {
    static final Comparator<EvaluationEvent> EVALUATION_ORDER = Comparator.comparingLong(EvaluationEvent::step)
            .thenComparing(EvaluationEvent::metric)
            .thenComparing(e -> String.valueOf(e.extractor()))
            .thenComparing(e -> String.valueOf(e.producer()));

    final String runId;
    RunSpec spec;
    /** The spec's group once the spec is known; until then the group its metrics or evaluations name. */
    String group;
    RunEvent.State state;
    String reason;
    long step;
    Instant updatedAt;
    Double imagesPerSecond;
    final StepRate rate = new StepRate();
    final TreeMap<Long, CheckpointView> checkpoints = new TreeMap<>();
    /** The steps from which the run drew from more of its dataset, as its most informed checkpoint says. */
    List<DataSeen.DataArrival> dataArrivals = List.of();
    final Map<String, SeriesBuffer> series = new LinkedHashMap<>();
    /** The latest value of each (step, metric, extractor, producer). */
    final TreeMap<EvaluationEvent, EvaluationEvent> evaluations = new TreeMap<>(EVALUATION_ORDER);

    RunState(String runId) {
        this.runId = runId;
    }

    void specSeen(RunSpec known) {
        spec = known;
        group = known.group();
    }

    /** The group a metric or evaluation event names; the spec's, once known, has the last word. */
    void groupSeen(String named) {
        if (spec == null && named != null) {
            group = named;
        }
    }

    void seen(long atStep, Instant at) {
        step = Math.max(step, atStep);
        if (at != null && (updatedAt == null || at.isAfter(updatedAt))) {
            updatedAt = at;
        }
    }

    /** Arrivals only grow along a run, so the checkpoint that lists the most knows them all. */
    void dataSeen(DataSeen seen) {
        if (seen != null && seen.arrivals() != null && seen.arrivals().size() > dataArrivals.size()) {
            dataArrivals = List.copyOf(seen.arrivals());
        }
    }

    /** Whether the run is training (or about to go on): its speed and the time it still needs mean something. */
    boolean active() {
        return state != null && state != RunEvent.State.queued && !state.terminal();
    }

    /** Seconds until the last step at the measured speed, as of the newest report; null when not training or unknown. */
    Double etaSeconds(Double stepsPerSecond) {
        if (!active() || stepsPerSecond == null || stepsPerSecond <= 0 || spec == null) {
            return null;
        }
        return Math.max(0, spec.steps() - step) / stepsPerSecond;
    }

    /** @param queuePosition its place among the runs waiting for a trainer (1 = next), null when it is not waiting */
    RunSummary summary(Integer queuePosition) {
        Double stepsPerSecond = active() ? rate.stepsPerSecond() : null;
        return new RunSummary(runId,
                group,
                spec == null ? null : spec.model(),
                spec == null ? null : spec.dataset(),
                state == null ? null : state.name(),
                step,
                spec == null ? null : spec.steps(),
                reason,
                updatedAt,
                checkpoints.isEmpty() ? null : checkpoints.lastKey(),
                imagesPerSecond,
                spec,
                stepsPerSecond,
                etaSeconds(stepsPerSecond),
                queuePosition,
                dataArrivals);
    }
}
