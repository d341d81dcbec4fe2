package dev.aegan.evaluation.frontier;

import dev.aegan.evaluation.frontier.ParetoFront.Point;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.aegan.evaluation.frontier.Direction.HIGHER_IS_BETTER;
import static dev.aegan.evaluation.frontier.Direction.LOWER_IS_BETTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParetoFrontTest {

    @Test
    void agreesWithBruteForceOnEveryPairOfDirectionsWithTiesAndDuplicates() {
        Random random = new Random(16);
        for (int trial = 0; trial < 2000; trial++) {
            // few distinct values, so equal x, equal y and whole duplicates are common
            int values = 1 + random.nextInt(5);
            List<Point<Integer>> points = new ArrayList<>();
            for (int i = 0, n = random.nextInt(12); i < n; i++) {
                points.add(new Point<>(i, random.nextInt(values) * 0.5, random.nextInt(values) - 2.0));
            }
            for (Direction x : Direction.values()) {
                for (Direction y : Direction.values()) {
                    assertEquals(bruteForce(points, x, y), ParetoFront.of(points, x, y), points + " " + x + " " + y);
                }
            }
        }
    }

    @Test
    void keepsTheTradeOffWhenOneAxisIsLowerAndTheOtherHigherIsBetter() {
        List<Point<String>> runs = List.of(new Point<>("a", 10, 0.9), new Point<>("b", 20, 0.95),
                new Point<>("c", 30, 0.8), new Point<>("d", 10, 0.7), new Point<>("e", 5, 0.5));
        assertEquals(List.of("a", "b", "e"), ids(ParetoFront.of(runs, LOWER_IS_BETTER, HIGHER_IS_BETTER)));
        assertEquals(List.of("b", "c"), ids(ParetoFront.of(runs, HIGHER_IS_BETTER, HIGHER_IS_BETTER)));
    }

    @Test
    void duplicatesAreAllOnTheFrontOrAllOffIt() {
        List<Point<String>> runs = List.of(new Point<>("a", 1, 1), new Point<>("b", 1, 1), new Point<>("c", 2, 2));
        assertEquals(List.of("a", "b"), ids(ParetoFront.of(runs, LOWER_IS_BETTER, LOWER_IS_BETTER)));
        assertEquals(List.of("c"), ids(ParetoFront.of(runs, HIGHER_IS_BETTER, HIGHER_IS_BETTER)));
    }

    @Test
    void refusesScoresThatAreNotFinite() {
        assertThrows(IllegalArgumentException.class, () -> new Point<>("a", Double.NaN, 1));
    }

    private static <T> List<Point<T>> bruteForce(List<Point<T>> points, Direction x, Direction y) {
        return points.stream().filter(p -> points.stream().noneMatch(q -> dominates(q, p, x, y))).toList();
    }

    /** By the definition, in costs: each score turned so that lower is better. */
    private static <T> boolean dominates(Point<T> q, Point<T> p, Direction x, Direction y) {
        double qx = cost(q.x(), x), qy = cost(q.y(), y), px = cost(p.x(), x), py = cost(p.y(), y);
        return qx <= px && qy <= py && (qx < px || qy < py);
    }

    private static double cost(double score, Direction direction) {
        return direction == LOWER_IS_BETTER ? score : -score;
    }

    private static <T> List<T> ids(List<Point<T>> points) {
        return points.stream().map(Point::id).toList();
    }
}
