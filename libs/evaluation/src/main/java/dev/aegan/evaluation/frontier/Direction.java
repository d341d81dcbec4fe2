package dev.aegan.evaluation.frontier;

/** Which way a score improves. */
public enum Direction {
    LOWER_IS_BETTER, HIGHER_IS_BETTER;

    /** Whether {@code a} is at least as good as {@code b}. */
    boolean atLeastAsGood(double a, double b) {
        return this == LOWER_IS_BETTER ? a <= b : a >= b;
    }

    /** Whether {@code a} is better than {@code b}. */
    boolean better(double a, double b) {
        return this == LOWER_IS_BETTER ? a < b : a > b;
    }
}
