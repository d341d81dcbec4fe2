package dev.aegan.evaluation.frontier;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The Pareto front of points scored on two axes, each with its own {@link Direction}: the points
 * no other point dominates (at least as good on both axes and better on one). Points with equal
 * scores do not dominate each other, so duplicates on the front are all on it. O(n log n): the
 * points are swept from best to worst x, keeping the best y seen at a strictly better x.
 */
public final class ParetoFront {
    private ParetoFront() {
    }

    /** One scored thing: {@code id} says what it is (a run id), {@code x} and {@code y} its finite scores. */
    public record Point<T>(T id, double x, double y) {
        public Point {
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("point " + id + " has a score that is not finite: " + x + ", " + y);
            }
        }
    }

    /** The points on the front, in the order of {@code points}. */
    public static <T> List<Point<T>> of(List<Point<T>> points, Direction xDirection, Direction yDirection) {
        Comparator<Integer> byX = Comparator.comparingDouble(i -> points.get(i).x());
        Comparator<Integer> byY = Comparator.comparingDouble(i -> points.get(i).y());
        Comparator<Integer> bestFirst = (xDirection == Direction.HIGHER_IS_BETTER ? byX.reversed() : byX)
                .thenComparing(yDirection == Direction.HIGHER_IS_BETTER ? byY.reversed() : byY);
        List<Integer> order = IntStream.range(0, points.size()).boxed().sorted(bestFirst).toList();
        boolean[] onFront = new boolean[points.size()];
        Double bestYAtBetterX = null;
        int from = 0;
        while (from < order.size()) {
            // the points of one x: only those with that x's best y can be on the front
            double x = points.get(order.get(from)).x();
            double bestY = points.get(order.get(from)).y();
            boolean dominated = bestYAtBetterX != null && yDirection.atLeastAsGood(bestYAtBetterX, bestY);
            int to = from;
            for (; to < order.size() && points.get(order.get(to)).x() == x; to++) {
                onFront[order.get(to)] = !dominated && points.get(order.get(to)).y() == bestY;
            }
            if (bestYAtBetterX == null || yDirection.better(bestY, bestYAtBetterX)) {
                bestYAtBetterX = bestY;
            }
            from = to;
        }
        return IntStream.range(0, points.size()).filter(i -> onFront[i]).mapToObj(points::get).toList();
    }
}
