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
import dev.aegan.gallery.domain.ImageStatus;
import dev.aegan.gallery.domain.MetricSeries;
import dev.aegan.gallery.domain.RunComparison;
import dev.aegan.gallery.domain.RunSummary;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
    private final Map<String, Map<String, Long>> rejections = new TreeMap<>();
    private final Map<String, RunState> runs = new LinkedHashMap<>();

    GalleryState(GalleryUpdates updates, GalleryConfig config) {
        this.updates = updates;
        this.maxPointsPerSeries = config.maxPointsPerSeries();
    }

    public synchronized void onDatasetEvent(DatasetEvent event) {
        datasets.put(event.dataset(), event);
        updates.publish(GalleryEvent.DATASET, dataset(event.dataset()));
    }

    /** An ingest record rejected for {@code dataset} (null when the record named none). */
    public synchronized void onRejected(String dataset, String reasonCode) {
        String name = dataset == null ? "" : dataset;
        rejections.computeIfAbsent(name, n -> new TreeMap<>()).merge(reasonCode == null ? "UNKNOWN" : reasonCode,
                1L, Long::sum);
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
        updates.publish(GalleryEvent.RUN, run.summary());
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
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("runId", event.runId());
        data.put("step", event.step());
        data.put("values", finite);
        data.put("imagesPerSecond", run.imagesPerSecond);
        updates.publish(GalleryEvent.METRIC, data);
        updates.publish(GalleryEvent.RUN, run.summary());
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
        CheckpointView view = new CheckpointView(event.runId(), event.step(), event.last(), event.at(),
                ImageStatus.pending(), ImageStatus.pending());
        run.checkpoints.put(event.step(), view);
        updates.publish(GalleryEvent.CHECKPOINT, view);
        updates.publish(GalleryEvent.RUN, run.summary());
        publishGroupIfChanged(run, groupBefore, specBefore);
        return true;
    }

    public synchronized void onImages(String runId, long step, ImageStatus samples, ImageStatus reconstructions) {
        RunState run = run(runId);
        CheckpointView old = run.checkpoints.get(step);
        if (old == null) {
            return;
        }
        CheckpointView view = new CheckpointView(runId, step, old.last(), old.at(), samples, reconstructions);
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
        return runs.values().stream().map(RunState::summary)
                .sorted(Comparator.comparing(RunSummary::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(RunSummary::runId))
                .toList();
    }

    public synchronized Optional<RunSummary> summary(String runId) {
        return Optional.ofNullable(runs.get(runId)).map(RunState::summary);
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
        if (event == null) {
            return new DatasetView(name, null, null, null, Map.of(), List.of(), null, null, total, Map.copyOf(rejected));
        }
        return new DatasetView(name, event.channels(), event.height(), event.width(),
                event.countsBySplit() == null ? Map.of() : Map.copyOf(event.countsBySplit()),
                event.labelNames() == null ? List.of() : List.copyOf(event.labelNames()),
                event.type() == null ? null : event.type().name(), event.at(), total, Map.copyOf(rejected));
    }

    private RunState run(String runId) {
        return runs.computeIfAbsent(runId, RunState::new);
    }
}
