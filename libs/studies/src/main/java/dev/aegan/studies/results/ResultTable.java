package dev.aegan.studies.results;

import dev.aegan.contracts.events.EvaluationEvent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The evaluations of a study's runs: for each run, each metric's value at every step it was judged.
 * A study's table reads a metric's value at the run's last judged step ({@link #last}); the figures
 * over training read {@link #curve}. Evaluations of runs the study did not plan are ignored, so the
 * table can be fed a whole topic. When one (run, step, metric) arrives twice (a judge's redelivery),
 * the later value stands.
 */
public final class ResultTable {

    private final Map<String, RunCoordinates> runs;
    private final Map<String, Map<String, TreeMap<Long, Double>>> values = new LinkedHashMap<>();

    private ResultTable(Map<String, RunCoordinates> runs) {
        this.runs = Map.copyOf(runs);
    }

    /** @param runs the study's planned runs by run id */
    public static ResultTable of(Map<String, RunCoordinates> runs, Iterable<EvaluationEvent> evaluations) {
        ResultTable table = new ResultTable(runs);
        for (EvaluationEvent evaluation : evaluations) {
            table.add(evaluation.runId(), evaluation.metric(), evaluation.step(), evaluation.value());
        }
        return table;
    }

    private void add(String runId, String metric, long step, double value) {
        if (runs.containsKey(runId)) {
            values.computeIfAbsent(runId, id -> new LinkedHashMap<>())
                    .computeIfAbsent(metric, name -> new TreeMap<>()).put(step, value);
        }
    }

    /** The seeds of the planned runs, ascending. */
    public List<Long> seeds() {
        return List.copyOf(new TreeSet<>(runs.values().stream().map(RunCoordinates::seed).toList()));
    }

    /** The planned runs of a group at a seed, by variant. */
    public List<RunCoordinates> variants(String group, long seed) {
        return runs.values().stream().filter(run -> run.group().equals(group) && run.seed() == seed)
                .sorted((a, b) -> Integer.compare(a.variant(), b.variant())).toList();
    }

    /** The variants of a group (seed-independent), by variant. */
    public List<RunCoordinates> variants(String group) {
        Map<Integer, RunCoordinates> byVariant = new TreeMap<>();
        runs.values().stream().filter(run -> run.group().equals(group))
                .forEach(run -> byVariant.putIfAbsent(run.variant(), run));
        return List.copyOf(byVariant.values());
    }

    /** The value of {@code metric} at the last step the run of {@code series} at {@code seed} was judged. */
    public OptionalDouble last(String series, long seed, String metric) {
        return runId(series, seed).map(id -> values.getOrDefault(id, Map.of()).get(metric))
                .filter(curve -> !curve.isEmpty())
                .map(curve -> OptionalDouble.of(curve.lastEntry().getValue())).orElse(OptionalDouble.empty());
    }

    /** Every step's value of {@code metric} for the run of {@code series} at {@code seed}. */
    public Map<Long, Double> curve(String series, long seed, String metric) {
        return runId(series, seed).map(id -> values.getOrDefault(id, Map.of()).get(metric))
                .<Map<Long, Double>>map(Map::copyOf).orElse(Map.of());
    }

    /** The last values of {@code metric} of {@code series} over seeds, seeds without one left out. */
    public List<Double> lastOverSeeds(String series, String metric) {
        List<Double> found = new ArrayList<>();
        for (long seed : seeds()) {
            last(series, seed, metric).ifPresent(found::add);
        }
        return found;
    }

    private Optional<String> runId(String series, long seed) {
        return runs.entrySet().stream()
                .filter(run -> run.getValue().series().equals(series) && run.getValue().seed() == seed)
                .map(Map.Entry::getKey).findFirst();
    }

    public Collection<RunCoordinates> runs() {
        return runs.values();
    }
}
