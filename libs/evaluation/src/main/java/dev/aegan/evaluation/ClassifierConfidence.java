package dev.aegan.evaluation;

/**
 * How sure a classifier is of the samples: the mean over samples of their most probable class's
 * probability. 1/classes for samples it cannot tell apart (noise), near 1 for samples that look
 * like one class each; it says nothing of diversity (a model drawing one class only can score 1),
 * which the Inception score and coverage measure.
 */
public final class ClassifierConfidence {

    private ClassifierConfidence() {
    }

    /**
     * @param probabilities one row of class probabilities per sample (a softmax output)
     * @throws IllegalArgumentException if a row is not a probability vector
     */
    public static double compute(FeatureMatrix probabilities) {
        ClassProbabilities.requireRows(probabilities);
        int classes = probabilities.columns();
        double[] p = probabilities.values();
        double sum = 0;
        for (int i = 0; i < probabilities.rows(); i++) {
            double max = 0;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, p[i * classes + c]);
            }
            sum += max;
        }
        return sum / probabilities.rows();
    }
}
