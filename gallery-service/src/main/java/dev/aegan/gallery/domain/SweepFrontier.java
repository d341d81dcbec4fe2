package dev.aegan.gallery.domain;

import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.evaluation.frontier.Direction;
import dev.aegan.evaluation.frontier.ParetoFront;
import dev.aegan.evaluation.metrics.MetricNames;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The runs of a sweep as points of two metrics, {@code x} and {@code y}, and which of them are on
 * the Pareto front. Each run's point is its latest checkpoint judged on both metrics (the same
 * step for both). {@code axes} are the metrics the runs have that can be an axis: those with a
 * direction ({@link MetricNames#direction}).
 */
public record SweepFrontier(String group, Axis x, Axis y, List<Axis> axes, List<RunPoint> points) {

    /** A metric as an axis, named by {@link MetricNames#qualified}. */
    public record Axis(String name, String metric, String extractor, Direction direction) {

        static Optional<Axis> of(String metric, String extractor) {
            String name = MetricNames.qualified(metric, extractor);
            return MetricNames.direction(metric).map(direction -> new Axis(name, metric,
                    extractor == null ? MetricNames.PIXELS : extractor, direction));
        }

        boolean measures(EvaluationEvent e) {
            return metric.equals(e.metric()) && extractor.equals(e.extractor() == null ? MetricNames.PIXELS
                    : e.extractor());
        }
    }

    /** A run's point: both values are of its checkpoint at {@code step}. */
    public record RunPoint(String runId, long step, double x, double y, boolean onFront) {
    }

    /** The axes the evaluations offer, by name. */
    public static List<Axis> axes(Collection<EvaluationEvent> evaluations) {
        Map<String, Axis> axes = new TreeMap<>();
        evaluations.forEach(e -> Axis.of(e.metric(), e.extractor()).ifPresent(axis -> axes.put(axis.name(), axis)));
        return List.copyOf(axes.values());
    }

    /** Without a choice: a generation metric across, FID where there is one, and a reconstruction metric up. */
    public static Optional<Axis> defaultX(List<Axis> axes) {
        return axes.stream().filter(axis -> !MetricNames.judgesReconstructions(axis.metric()))
                .min(Comparator.comparing(axis -> !axis.metric().equals(MetricNames.FID)));
    }

    public static Optional<Axis> defaultY(List<Axis> axes) {
        return axes.stream().filter(axis -> MetricNames.judgesReconstructions(axis.metric()))
                .min(Comparator.comparing(axis -> !axis.metric().equals(MetricNames.RECONSTRUCTION_MSE)));
    }

    /** Axes not chosen yet, or not offered yet: no points. */
    public static SweepFrontier unplotted(String group, Axis x, Axis y, List<Axis> axes) {
        return new SweepFrontier(group, x, y, axes, List.of());
    }

    /** @param evaluations each run's evaluations by run id */
    public static SweepFrontier of(String group, Map<String, ? extends Collection<EvaluationEvent>> evaluations,
                                   Axis x, Axis y) {
        List<ParetoFront.Point<RunPoint>> points = new ArrayList<>();
        evaluations.forEach((runId, ofRun) -> latestOnBoth(runId, ofRun, x, y).ifPresent(point ->
                points.add(new ParetoFront.Point<>(point, point.x(), point.y()))));
        Set<String> onFront = new TreeSet<>();
        ParetoFront.of(points, x.direction(), y.direction()).forEach(p -> onFront.add(p.id().runId()));
        List<RunPoint> marked = points.stream().map(ParetoFront.Point::id)
                .map(p -> new RunPoint(p.runId(), p.step(), p.x(), p.y(), onFront.contains(p.runId()))).toList();
        List<EvaluationEvent> all = evaluations.values().stream().flatMap(Collection::stream).toList();
        return new SweepFrontier(group, x, y, axes(all), marked);
    }

    private static Optional<RunPoint> latestOnBoth(String runId, Collection<EvaluationEvent> evaluations,
                                                   Axis x, Axis y) {
        TreeMap<Long, Double> xs = new TreeMap<>();
        TreeMap<Long, Double> ys = new TreeMap<>();
        for (EvaluationEvent e : evaluations) {
            if (x.measures(e)) {
                xs.put(e.step(), e.value());
            }
            if (y.measures(e)) {
                ys.put(e.step(), e.value());
            }
        }
        return xs.descendingKeySet().stream().filter(ys::containsKey).findFirst()
                .map(step -> new RunPoint(runId, step, xs.get(step), ys.get(step), false));
    }
}
