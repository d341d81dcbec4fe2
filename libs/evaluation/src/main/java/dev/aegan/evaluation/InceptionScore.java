package dev.aegan.evaluation;

import java.util.Random;

/**
 * Inception Score (Salimans et al., 2016) as torch-fidelity computes it
 * ({@code torch_fidelity/metric_isc.py}, {@code isc_features_to_metric}): the rows are shuffled
 * with a seeded permutation, cut into {@code splits} consecutive parts (rows
 * {@code [s N / splits, (s + 1) N / splits)}), and each part scores
 * {@code exp(mean_x KL(p(y|x) || p(y)))} with {@code p(y)} the part's mean prediction; the result is
 * the mean and standard deviation (ddof 0) over the parts.
 *
 * <p>Input: one row of class probabilities per sample (a softmax output). torch-fidelity takes
 * logits and applies a float64 log-softmax; from probabilities, {@code p log p} is taken as 0 where
 * p = 0 (its limit), which is where computing {@code log p} naively gives NaN. The permutation comes
 * from {@link SeededSampling} (java.util.Random), so split boundaries differ from torch-fidelity's
 * numpy permutation for the same seed; the score is otherwise the same computation, in double.
 */
public final class InceptionScore {

    public static final int DEFAULT_SPLITS = 10;
    /** torch-fidelity's default {@code rng_seed}. */
    public static final long DEFAULT_SEED = 2020;

    private InceptionScore() {
    }

    /** 10 splits, seed 2020. */
    public static ScoreWithSpread compute(FeatureMatrix probabilities) {
        return compute(probabilities, DEFAULT_SPLITS, DEFAULT_SEED);
    }

    /**
     * @throws IllegalArgumentException if a row is not a probability vector (negative entry, or a
     *                                  sum off 1, see {@link ClassProbabilities}), or there
     *                                  are fewer rows than splits
     */
    public static ScoreWithSpread compute(FeatureMatrix probabilities, int splits, long seed) {
        int n = probabilities.rows();
        int classes = probabilities.columns();
        if (splits <= 0 || n < splits) {
            throw new IllegalArgumentException(n + " samples cannot be cut into " + splits + " non-empty splits");
        }
        ClassProbabilities.requireRows(probabilities);
        double[] p = probabilities.values();
        int[] order = SeededSampling.permutation(n, new Random(seed));
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) s * n / splits);
            int to = (int) ((long) (s + 1) * n / splits);
            double[] marginal = new double[classes];
            for (int r = from; r < to; r++) {
                int row = order[r] * classes;
                for (int c = 0; c < classes; c++) {
                    marginal[c] += p[row + c];
                }
            }
            double[] logMarginal = new double[classes];
            for (int c = 0; c < classes; c++) {
                logMarginal[c] = Math.log(marginal[c] / (to - from));
            }
            double klSum = 0;
            for (int r = from; r < to; r++) {
                int row = order[r] * classes;
                for (int c = 0; c < classes; c++) {
                    double v = p[row + c];
                    if (v > 0) {
                        klSum += v * (Math.log(v) - logMarginal[c]);
                    }
                }
            }
            scores[s] = Math.exp(klSum / (to - from));
        }
        return ScoreWithSpread.of(scores);
    }
}
