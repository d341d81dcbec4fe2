package dev.aegan.evaluation;

import java.util.Random;
import java.util.stream.IntStream;

/**
 * Kernel Inception Distance (Bińkowski et al., ICLR 2018) as torch-fidelity computes it
 * ({@code torch_fidelity/metric_kid.py}: {@code kid_features_to_metric}, {@code polynomial_mmd},
 * {@code mmd2} with {@code mmd_est='unbiased'}): the unbiased estimate of MMD^2 under the cubic
 * polynomial kernel {@code k(x, y) = (x.y / d + 1)^3}, averaged over random subsets; reported as
 * mean and standard deviation (ddof 0) over the subsets.
 *
 * <p>Per subset, with m samples from each side:
 * {@code MMD^2 = (sum_{i!=j} k(x_i, x_j) + sum_{i!=j} k(y_i, y_j)) / (m (m - 1)) - 2 sum_{i,j} k(x_i, y_j) / m^2}.
 *
 * <p>Pitfalls handled: the estimate is unbiased, so it can be slightly negative when both sets come
 * from the same distribution (it is not clipped; clipping would bias it); each subset is drawn
 * without replacement within a set (independently per set and per subset, as
 * {@code rng.choice(n, m, replace=False)}); where torch-fidelity refuses fewer samples than the
 * subset size, the subset size is capped at the smaller set instead. Subsets are drawn by
 * {@link SeededSampling} from {@code java.util.Random}, so the numbers differ from torch-fidelity's
 * numpy draws but are reproducible for a seed. The Gram matrices are computed by {@link Gemm} in
 * double, the within-set ones as upper triangles only; subsets run in parallel.
 */
public final class KernelInceptionDistance {

    public static final int DEFAULT_SUBSETS = 100;
    public static final int DEFAULT_SUBSET_SIZE = 1000;
    /** torch-fidelity's default {@code rng_seed}. */
    public static final long DEFAULT_SEED = 2020;

    private static final int BLOCK = 256;

    private KernelInceptionDistance() {
    }

    /** 100 subsets of 1000 (or of the smaller set's size), seed 2020. */
    public static ScoreWithSpread compute(FeatureMatrix first, FeatureMatrix second) {
        return compute(first, second, DEFAULT_SUBSETS, DEFAULT_SUBSET_SIZE, DEFAULT_SEED);
    }

    /**
     * @throws IllegalArgumentException for different feature dimensions, fewer than 2 samples in a
     *                                  set, or a non-positive subset count or size
     */
    public static ScoreWithSpread compute(FeatureMatrix first, FeatureMatrix second, int subsets, int subsetSize,
                                          long seed) {
        if (first.columns() != second.columns()) {
            throw new IllegalArgumentException("cannot compare samples of " + first.columns() + " features with samples of "
                    + second.columns());
        }
        if (subsets <= 0 || subsetSize <= 1) {
            throw new IllegalArgumentException("KID needs at least one subset of at least 2 samples, got " + subsets
                    + " subsets of " + subsetSize);
        }
        int m = Math.min(subsetSize, Math.min(first.rows(), second.rows()));
        if (m < 2) {
            throw new IllegalArgumentException("KID needs at least 2 samples on each side, got " + first.rows() + " and "
                    + second.rows());
        }
        Random random = new Random(seed);
        int[][] firstSubsets = new int[subsets][];
        int[][] secondSubsets = new int[subsets][];
        for (int s = 0; s < subsets; s++) {
            firstSubsets[s] = SeededSampling.withoutReplacement(first.rows(), m, random);
            secondSubsets[s] = SeededSampling.withoutReplacement(second.rows(), m, random);
        }
        double[] mmds = IntStream.range(0, subsets).parallel()
                .mapToDouble(s -> unbiasedMmd2(first.select(firstSubsets[s]), second.select(secondSubsets[s])))
                .toArray();
        return ScoreWithSpread.of(mmds);
    }

    /** The unbiased MMD^2 estimate between two equally sized sets, all their samples used. */
    static double unbiasedMmd2(FeatureMatrix x, FeatureMatrix y) {
        int m = x.rows();
        int d = x.columns();
        double gamma = 1.0 / d;
        double withinX = offDiagonalKernelSum(x);
        double withinY = offDiagonalKernelSum(y);
        double[] yTransposed = transpose(y);
        double[] block = new double[BLOCK * m];
        double across = 0;
        for (int i0 = 0; i0 < m; i0 += BLOCK) {
            int height = Math.min(BLOCK, m - i0);
            Gemm.multiply(x.values(), i0 * d, d, 1, yTransposed, 0, m, block, 0, m, height, m, d);
            for (int e = 0; e < height * m; e++) {
                across += kernel(block[e], gamma);
            }
        }
        return (withinX + withinY) / ((double) m * (m - 1)) - 2 * across / ((double) m * m);
    }

    /** {@code sum_{i != j} k(x_i, x_j)}, from the strict upper triangle. */
    private static double offDiagonalKernelSum(FeatureMatrix x) {
        int m = x.rows();
        int d = x.columns();
        double gamma = 1.0 / d;
        double[] transposed = transpose(x);
        double[] block = new double[BLOCK * m];
        double upper = 0;
        for (int i0 = 0; i0 < m; i0 += BLOCK) {
            int height = Math.min(BLOCK, m - i0);
            int width = m - i0;
            Gemm.multiply(x.values(), i0 * d, d, 1, transposed, i0, m, block, 0, width, height, width, d);
            for (int r = 0; r < height; r++) {
                for (int c = r + 1; c < width; c++) {
                    upper += kernel(block[r * width + c], gamma);
                }
            }
        }
        return 2 * upper;
    }

    /** {@code (x.y gamma + 1)^3} with {@code gamma = 1 / d}, multiplied as torch-fidelity does. */
    private static double kernel(double dot, double gamma) {
        double v = dot * gamma + 1.0;
        return v * v * v;
    }

    private static double[] transpose(FeatureMatrix x) {
        int m = x.rows();
        int d = x.columns();
        double[] out = new double[d * m];
        double[] v = x.values();
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < d; p++) {
                out[p * m + i] = v[i * d + p];
            }
        }
        return out;
    }
}
