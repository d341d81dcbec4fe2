package dev.aegan.evaluation;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Random;

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
 * numpy draws but are reproducible for a seed. Each subset's three m x m Gram matrices are libtorch
 * matrix products in float64, reduced to their kernel sums there (at most six m x m tensors at
 * once: 48 MB for m = 1000); subsets run one after the other, each product on libtorch's intra-op threads.
 */
public final class KernelInceptionDistance {

    public static final int DEFAULT_SUBSETS = 100;
    public static final int DEFAULT_SUBSET_SIZE = 1000;
    /** torch-fidelity's default {@code rng_seed}. */
    public static final long DEFAULT_SEED = 2020;

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
        double[] mmds = new double[subsets];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            for (int s = 0; s < subsets; s++) {
                int[] firstSubset = SeededSampling.withoutReplacement(first.rows(), m, random);
                int[] secondSubset = SeededSampling.withoutReplacement(second.rows(), m, random);
                try (NDManager subset = manager.newSubManager()) {
                    mmds[s] = unbiasedMmd2(tensor(subset, first.select(firstSubset)),
                            tensor(subset, second.select(secondSubset)));
                }
            }
        }
        return ScoreWithSpread.of(mmds);
    }

    /** The unbiased MMD^2 estimate between two equally sized sets (float64 tensors, m x d), all their samples used. */
    private static double unbiasedMmd2(NDArray x, NDArray y) {
        long m = x.getShape().get(0);
        double gamma = 1.0 / x.getShape().get(1);
        double withinX = offDiagonalKernelSum(x, gamma);
        double withinY = offDiagonalKernelSum(y, gamma);
        double across = kernel(x.matMul(y.transpose()), gamma).sum().getDouble();
        return (withinX + withinY) / ((double) m * (m - 1)) - 2 * across / ((double) m * m);
    }

    /** {@code sum_{i != j} k(x_i, x_j)}: the whole Gram matrix's kernel sum less its diagonal's. */
    private static double offDiagonalKernelSum(NDArray x, double gamma) {
        int m = (int) x.getShape().get(0);
        NDArray kernel = kernel(x.matMul(x.transpose()), gamma);
        NDArray diagonal = x.getManager().arange(0, m * (m + 1), m + 1, DataType.INT64);
        return kernel.sum().getDouble() - kernel.take(diagonal).sum().getDouble();
    }

    /** {@code (x.y gamma + 1)^3} of every dot product, in place, multiplied as torch-fidelity does. */
    private static NDArray kernel(NDArray dots, double gamma) {
        NDArray v = dots.muli(gamma).addi(1.0);
        return v.mul(v).muli(v);
    }

    private static NDArray tensor(NDManager manager, FeatureMatrix x) {
        return manager.create(x.values(), new Shape(x.rows(), x.columns()));
    }
}
