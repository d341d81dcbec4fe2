package dev.aegan.studies.rules;

import dev.aegan.evaluation.frontier.Direction;
import dev.aegan.evaluation.frontier.ParetoFront;
import dev.aegan.evaluation.frontier.ParetoFront.Point;
import dev.aegan.evaluation.metrics.MetricNames;
import dev.aegan.studies.json.Field;
import dev.aegan.studies.results.ResultTable;
import dev.aegan.studies.results.RunCoordinates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Group {@code better}'s Pareto front on ({@code x}, {@code y}) dominates group {@code worse}'s, in
 * each of at least {@code minSeeds} seeds: the front of both groups' points together holds only
 * points of {@code better} (a point of {@code worse} equal to one of {@code better} stays on it, so a
 * tie is no domination). Which way each metric improves is {@link MetricNames#direction}.
 */
public record FrontDominatesRule(String x, String y, String better, String worse, int minSeeds) implements Rule {

    static FrontDominatesRule parse(Field claim) {
        claim.onlyFields(Set.of("id", "says", "rule", "x", "y", "better", "worse", "minSeeds"));
        FrontDominatesRule rule = new FrontDominatesRule(claim.child("x").text(), claim.child("y").text(),
                claim.child("better").text(), claim.child("worse").text(), claim.child("minSeeds").positiveInt(1));
        for (String axis : List.of("x", "y")) {
            String metric = claim.child(axis).text();
            if (MetricNames.direction(metric).isEmpty()) {
                throw claim.child(axis).problem("'" + metric + "' has no better end (MetricNames.direction), so it "
                        + "has no Pareto front");
            }
        }
        return rule;
    }

    @Override
    public List<String> groups() {
        return List.of(better, worse);
    }

    @Override
    public List<String> metrics() {
        return List.of(x, y);
    }

    @Override
    public Judgement judge(ResultTable table, PaperValues paper) {
        return EachSeed.judge(table, minSeeds, seed -> holdsAt(table, seed), EachSeed.spread(table, groups(), metrics()));
    }

    private Optional<Boolean> holdsAt(ResultTable table, long seed) {
        List<Point<String>> points = new ArrayList<>();
        for (String group : groups()) {
            for (RunCoordinates run : table.variants(group, seed)) {
                OptionalDouble xValue = table.last(run.series(), seed, x);
                OptionalDouble yValue = table.last(run.series(), seed, y);
                if (xValue.isEmpty() || yValue.isEmpty()) {
                    return Optional.empty();
                }
                points.add(new Point<>(group, xValue.getAsDouble(), yValue.getAsDouble()));
            }
        }
        if (points.isEmpty()) {
            return Optional.empty();
        }
        List<Point<String>> front = ParetoFront.of(points, direction(x), direction(y));
        return Optional.of(front.stream().allMatch(point -> point.id().equals(better)));
    }

    private static Direction direction(String metric) {
        return MetricNames.direction(metric).orElseThrow();
    }
}
