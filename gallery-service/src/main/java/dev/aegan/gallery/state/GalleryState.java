package dev.aegan.gallery.state;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.gallery.GalleryConfig;
import dev.aegan.gallery.domain.CheckpointView;
import dev.aegan.gallery.domain.DatasetView;
import dev.aegan.gallery.domain.GalleryEvent;
import dev.aegan.gallery.domain.GridKind;
import dev.aegan.gallery.domain.ImageStatus;
import dev.aegan.gallery.domain.MetricSeries;
import dev.aegan.gallery.domain.RejectedRecord;
import dev.aegan.gallery.domain.RunComparison;
import dev.aegan.gallery.domain.RunSummary;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the page shows, built only from the topics (replayed from the beginning on every start) and
 * the gallery bucket. Every change is also sent to {@link GalleryUpdates}. One lock guards it all:
 * updates are small and reads copy.
 *
 * <p>Each record reaches it once (the listeners pass over records delivered again), but the same
 * fact may be published twice in two records: a trainer resumed from a checkpoint reports the steps
 * after it again and announces that checkpoint again. So every piece of state has an identity, and
 * a later record of the same identity replaces, never adds: a loss point is (run, series, step); a
 * checkpoint is (run, step), kept as first announced; an evaluation is (run, step, metric,
 * extractor, producer); a dataset and a run keep their latest event. Only a dead letter has no
 * identity but its record: each one counts once.
 */
@ApplicationScoped
public class GalleryState {
    private final GalleryUpdates updates;
    private final int maxPointsPerSeries;
    private final Map<String, DatasetEvent> datasets = new TreeMap<>();
    /** How many of each dataset's latest rejected records are kept to show. */
    static final int LATEST_REJECTED = 5;

    private final Map<String, Map<String, Long>> rejections = new TreeMap<>();
    private final Map<String, Deque<RejectedRecord>> latestRejected = new HashMap<>();
    private final Map<String, RunState> runs = new LinkedHashMap<>();
    /** The runs whose latest event is queued, in the order of their first queued event (runs.events has one partition). */
    private final Set<String> waiting = new LinkedHashSet<>();

    GalleryState(GalleryUpdates updates, GalleryConfig config) {
        this.updates = updates;
        this.maxPointsPerSeries = config.maxPointsPerSeries();
    }

    public synchronized void onDatasetEvent(DatasetEvent event) {
        datasets.put(event.dataset(), event);
        updates.publish(GalleryEvent.DATASET, dataset(event.dataset()));
    }

    /** An ingest record rejected for {@code dataset} (null when the record named none), and why. */
    public synchronized void onRejected(String dataset, String reasonCode, String reason) {
        String name = dataset == null ? "" : dataset;
        String code = reasonCode == null ? "UNKNOWN" : reasonCode;
        rejections.computeIfAbsent(name, n -> new TreeMap<>()).merge(code, 1L, Long::sum);
        Deque<RejectedRecord> latest = latestRejected.computeIfAbsent(name, n -> new ArrayDeque<>());
        latest.addFirst(new RejectedRecord(code, reason));
        if (latest.size() > LATEST_REJECTED) {
            latest.removeLast();
        }
        updates.publish(GalleryEvent.DATASET, dataset(name));
    }

    public synchronized void onRunEvent(RunEvent event) {
        RunState run = run(event.runId());
        String groupBefore = run.group;
        RunSpec specBefore = run.spec;
        if (event.spec() != null) {
            run.specSeen(event.spec());
        }
        run.state = event.state();
        run.reason = event.reason();
        run.seen(event.step(), event.at());
        if (event.state() == RunEvent.State.resumed) {
            run.rate.restart();
        }
        boolean left = false;
        if (event.state() == RunEvent.State.queued) {
            waiting.add(run.runId);
        } else {
            left = waiting.remove(run.runId);
        }
        updates.publish(GalleryEvent.RUN, summary(run));
        if (left) {
            // the runs queued after it moved up
            waiting.forEach(runId -> updates.publish(GalleryEvent.RUN, summary(runs.get(runId))));
        }
        publishGroupIfChanged(run, groupBefore, specBefore);
    }

    public synchronized void onMetric(TrainingMetricEvent event) {
        RunState run = run(event.runId());
        String groupBefore = run.group;
        run.groupSeen(event.group());
        Map<String, Double> finite = new LinkedHashMap<>();
        if (event.values() != null) {
            // NaN and infinities cannot be drawn (nor written as JSON); the trainer reports such a step as a failure
            event.values().forEach((name, value) -> {
                if (value != null && Double.isFinite(value)) {
                    run.series.computeIfAbsent(name, n -> new SeriesBuffer(maxPointsPerSeries)).add(event.step(), value);
                    finite.put(name, value);
                }
            });
        }
        if (Double.isFinite(event.imagesPerSecond()) && event.imagesPerSecond() > 0) {
            run.imagesPerSecond = event.imagesPerSecond();
        }
        run.seen(event.step(), event.at());
        run.rate.add(event.step(), event.at());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runId", event.runId());
        data.put("step", event.step());
        data.put("values", finite);
        data.put("imagesPerSecond", run.imagesPerSecond);
        updates.publish(GalleryEvent.METRIC, data);
        updates.publish(GalleryEvent.RUN, summary(run));
        publishGroupIfChanged(run, groupBefore, run.spec);
    }

    /** @return whether this (run, step) is new, i.e. its grids are still to be found or rendered */
    public synchronized boolean onCheckpoint(CheckpointEvent event) {
        RunState run = run(event.runId());
        String groupBefore = run.group;
        RunSpec specBefore = run.spec;
        if (run.spec == null) {
            run.specSeen(event.spec());
        }
        run.seen(event.step(), event.at());
        run.dataSeen(event.dataSeen());
        if (run.checkpoints.containsKey(event.step())) {
            return false;
        }
        CheckpointView view = CheckpointView.pending(event.runId(), event.step(), event.last(), event.at());
        run.checkpoints.put(event.step(), view);
        updates.publish(GalleryEvent.CHECKPOINT, view);
        updates.publish(GalleryEvent.RUN, summary(run));
        publishGroupIfChanged(run, groupBefore, specBefore);
        return true;
    }

    public synchronized void onImages(String runId, long step, Map<GridKind, ImageStatus> grids) {
        RunState run = run(runId);
        CheckpointView old = run.checkpoints.get(step);
        if (old == null) {
            return;
        }
        CheckpointView view = old.with(grids);
        run.checkpoints.put(step, view);
        updates.publish(GalleryEvent.IMAGES, view);
    }

    public synchronized void onEvaluation(EvaluationEvent event) {
        RunState run = run(event.runId());
        String groupBefore = run.group;
        run.groupSeen(event.group());
        run.evaluations.put(event, event);
        updates.publish(GalleryEvent.EVALUATION, event);
        publishGroupIfChanged(run, groupBefore, run.spec);
    }

    public synchronized List<DatasetView> datasets() {
        List<String> names = new ArrayList<>(datasets.keySet());
        rejections.keySet().stream().filter(n -> !datasets.containsKey(n)).forEach(names::add);
        return names.stream().sorted().map(this::dataset).toList();
    }

    /** The held-out count the dataset's latest event announced; 0 when unknown. */
    public synchronized long heldOutAnnounced(String dataset) {
        DatasetEvent event = datasets.get(dataset);
        return event == null ? 0 : event.count(Split.HELDOUT);
    }

    /** Newest activity first. */
    public synchronized List<RunSummary> runs() {
        return runs.values().stream().map(this::summary)
                .sorted(Comparator.comparing(RunSummary::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(RunSummary::runId))
                .toList();
    }

    public synchronized Optional<RunSummary> summary(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(this::summary);
    }

    public synchronized Optional<MetricSeries.OfRun> metrics(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(run -> new MetricSeries.OfRun(runId,
                run.series.entrySet().stream().map(e -> e.getValue().view(e.getKey())).toList(), run.imagesPerSecond));
    }

    public synchronized Optional<List<CheckpointView>> checkpoints(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(run -> List.copyOf(run.checkpoints.values()));
    }

    public synchronized Optional<List<EvaluationEvent>> evaluations(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(run -> List.copyOf(run.evaluations.values()));
    }

    /** Every sweep seen, by group id. */
    public synchronized List<RunComparison> groups() {
        return runs.values().stream().map(run -> run.group).filter(Objects::nonNull).distinct().sorted()
                .map(this::comparison).toList();
    }

    /** The runs of a sweep, or empty when no run of that group was seen. */
    public synchronized Optional<RunComparison> group(String group) {
        return runs.values().stream().anyMatch(run -> group.equals(run.group))
                ? Optional.of(comparison(group)) : Optional.empty();
    }

    /** Each run's evaluations, by run id, for the runs of {@code group}; empty when none was seen. */
    public synchronized Optional<Map<String, List<EvaluationEvent>>> groupEvaluations(String group) {
        Map<String, List<EvaluationEvent>> byRun = new TreeMap<>();
        runs.values().stream().filter(run -> group.equals(run.group))
                .forEach(run -> byRun.put(run.runId, List.copyOf(run.evaluations.values())));
        return byRun.isEmpty() ? Optional.empty() : Optional.of(byRun);
    }

    /** Lets the page redraw a group when a run joins it or a spec (and so what varies) becomes known. */
    private void publishGroupIfChanged(RunState run, String groupBefore, RunSpec specBefore) {
        if (run.group != null && (!run.group.equals(groupBefore) || !Objects.equals(run.spec, specBefore))) {
            updates.publish(GalleryEvent.GROUP, comparison(run.group));
        }
    }

    private RunComparison comparison(String group) {
        Map<String, RunSpec> specs = new HashMap<>();
        runs.values().stream().filter(run -> group.equals(run.group)).forEach(run -> specs.put(run.runId, run.spec));
        return RunComparison.of(group, specs);
    }

    private DatasetView dataset(String name) {
        DatasetEvent event = datasets.get(name);
        Map<String, Long> rejected = rejections.getOrDefault(name, Map.of());
        long total = rejected.values().stream().mapToLong(Long::longValue).sum();
        List<RejectedRecord> latest = List.copyOf(latestRejected.getOrDefault(name, new ArrayDeque<>()));
        if (event == null) {
            return new DatasetView(name, null, null, null, Map.of(), List.of(), null, null, total, Map.copyOf(rejected),
                    Map.of(), latest);
        }
        return new DatasetView(name, event.channels(), event.height(), event.width(),
                event.countsBySplit() == null ? Map.of() : Map.copyOf(event.countsBySplit()),
                event.labelNames() == null ? List.of() : List.copyOf(event.labelNames()),
                event.type() == null ? null : event.type().name(), event.at(), total, Map.copyOf(rejected),
                event.countsByLabel() == null ? Map.of() : new TreeMap<>(event.countsByLabel()), latest);
    }

    private RunSummary summary(RunState run) {
        return run.summary(queuePosition(run.runId));
    }

    private Integer queuePosition(String runId) {
        int position = 1;
        for (String queued : waiting) {
            if (queued.equals(runId)) {
                return position;
            }
            position++;
        }
        return null;
    }

    private RunState run(String runId) {
        return runs.computeIfAbsent(runId, RunState::new);
    }
}
