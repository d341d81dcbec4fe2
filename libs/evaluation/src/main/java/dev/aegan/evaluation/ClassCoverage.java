package dev.aegan.evaluation;

/**
 * Which share of a classifier's K classes a set of samples hits: a sample hits the class it is most
 * probably of (argmax, the lower index on a tie), and a class counts as hit when at least a quarter
 * of its fair share of the N samples, N / (4K), hit it, so that a few stray samples do not count a
 * class the model does not draw.
 */
public final class ClassCoverage {
    /** The fraction of its fair share N / K a class needs to count as hit. */
    public static final double SHARE_OF_FAIR_SHARE = 0.25;

    private ClassCoverage() {
    }

    /** Hit classes / K, in [0, 1]; {@code probabilities} is N x K, one row per sample. */
    public static double of(FeatureMatrix probabilities) {
        int classes = probabilities.columns();
        if (probabilities.rows() == 0 || classes == 0) {
            throw new IllegalArgumentException("need samples and classes, got " + probabilities.rows() + " x " + classes);
        }
        int[] hits = new int[classes];
        for (int row = 0; row < probabilities.rows(); row++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities.get(row, c) > probabilities.get(row, best)) {
                    best = c;
                }
            }
            hits[best]++;
        }
        double needed = SHARE_OF_FAIR_SHARE * probabilities.rows() / classes;
        int covered = 0;
        for (int count : hits) {
            if (count > 0 && count >= needed) {
                covered++;
            }
        }
        return (double) covered / classes;
    }
}
