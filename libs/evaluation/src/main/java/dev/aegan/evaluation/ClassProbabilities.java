package dev.aegan.evaluation;

/** The check that a matrix holds one probability vector (a softmax output) per row. */
final class ClassProbabilities {
    /** How far a row's sum may stray from 1 (float32 softmax rounding over thousands of classes). */
    private static final double ROW_SUM_TOLERANCE = 1e-4;

    private ClassProbabilities() {
    }

    /**
     * @throws IllegalArgumentException if a row has a negative entry or sums to other than 1 by more
     *                                  than {@value #ROW_SUM_TOLERANCE}
     */
    static void requireRows(FeatureMatrix probabilities) {
        int classes = probabilities.columns();
        double[] p = probabilities.values();
        for (int i = 0; i < probabilities.rows(); i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double v = p[i * classes + c];
                if (v < 0) {
                    throw new IllegalArgumentException("sample " + i + " has probability " + v + " for class " + c
                            + "; pass softmax outputs, not logits");
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException("the probabilities of sample " + i + " sum to " + sum
                        + ", not 1; pass softmax outputs, not logits");
            }
        }
    }
}
