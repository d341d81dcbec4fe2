package dev.aegan.evaluation;

import java.util.Arrays;

/**
 * A sample set with, for every sample, the distances to its {@value #MAX_K} nearest other samples:
 * the k-NN hyperspheres with which Kynkäänniemi et al. (2019) estimate a manifold and Naeem et al.
 * (2020) define density and coverage. Computed once per set: the held-out set's estimate serves
 * every checkpoint, and one estimate serves both {@link PrecisionRecall} (k = 3) and
 * {@link DensityCoverage} (k = 5).
 *
 * <p>The k-th neighbour excludes the sample itself (by index, so a duplicate of it does count, at
 * distance 0), which is what both reference implementations compute by taking the (k+1)-th
 * smallest distance of a row that includes the zero self-distance. Each pair's distance is
 * computed once and offered to both samples.
 */
public final class ManifoldEstimate {

    public static final int MAX_K = 5;

    private final FeatureMatrix samples;
    /** {@code squaredRadii[i * MAX_K + (k - 1)]}: squared distance of sample i to its k-th nearest other sample. */
    private final double[] squaredRadii;

    private ManifoldEstimate(FeatureMatrix samples, double[] squaredRadii) {
        this.samples = samples;
        this.squaredRadii = squaredRadii;
    }

    /** @throws IllegalArgumentException with fewer than {@value #MAX_K} + 1 samples */
    public static ManifoldEstimate of(FeatureMatrix samples) {
        if (samples.rows() <= MAX_K) {
            throw new IllegalArgumentException("a k-NN manifold with k up to " + MAX_K + " needs more than " + MAX_K
                    + " samples, got " + samples.rows());
        }
        int n = samples.rows();
        double[] radii = PairwiseDistances.scanPairs(samples, () -> new Nearest(n)).squaredRadii;
        return new ManifoldEstimate(samples, radii);
    }

    public FeatureMatrix samples() {
        return samples;
    }

    public int size() {
        return samples.rows();
    }

    /** Distance of sample {@code i} to its {@code k}-th nearest other sample, 1 <= k <= {@value #MAX_K}. */
    public double radius(int i, int k) {
        return Math.sqrt(squaredRadii[index(i, k)]);
    }

    /** Squared k-th neighbour distance of every sample. */
    double[] squaredRadii(int k) {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = squaredRadii[index(i, k)];
        }
        return out;
    }

    private int index(int i, int k) {
        if (k < 1 || k > MAX_K) {
            throw new IllegalArgumentException("k must be in 1.." + MAX_K + ", got " + k);
        }
        return i * MAX_K + k - 1;
    }

    /** The {@value #MAX_K} smallest distances of every sample among the pairs seen so far. */
    private static final class Nearest implements PairwiseDistances.Visitor {
        private final double[] squaredRadii;

        Nearest(int n) {
            squaredRadii = new double[n * MAX_K];
            Arrays.fill(squaredRadii, Double.POSITIVE_INFINITY);
        }

        @Override
        public void visit(int firstRow, int rowCount, int firstColumn, int columnCount, double[] squared) {
            for (int r = 0; r < rowCount; r++) {
                int i = firstRow + r;
                int iBase = i * MAX_K;
                for (int c = Math.max(0, i + 1 - firstColumn); c < columnCount; c++) {
                    double value = squared[r * columnCount + c];
                    if (value < squaredRadii[iBase + MAX_K - 1]) {
                        insertSorted(squaredRadii, iBase, value);
                    }
                    int jBase = (firstColumn + c) * MAX_K;
                    if (value < squaredRadii[jBase + MAX_K - 1]) {
                        insertSorted(squaredRadii, jBase, value);
                    }
                }
            }
        }
    }

    private static void insertSorted(double[] radii, int base, double value) {
        int at = base + MAX_K - 1;
        while (at > base && radii[at - 1] > value) {
            radii[at] = radii[at - 1];
            at--;
        }
        radii[at] = value;
    }
}
