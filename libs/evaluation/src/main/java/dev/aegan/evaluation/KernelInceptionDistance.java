package dev.aegan.evaluation;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

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
 * numpy draws but are reproducible for a seed. The subsets' m x m Gram matrices are libtorch
 * matrix products in float64, {@value #SUBSETS_PER_PRODUCT} subsets per batched product (each on
 * libtorch's intra-op threads), reduced to their kernel sums there: at most two Gram matrices per
 * subset of the batch at once, 64 MB for m = 1000. A set's Gram matrix with itself is symmetric, so
 * only its blocks on and above the diagonal are formed. A {@link Reference} judged against many sets
 * of one size keeps its own within-set sums, so each later comparison forms only the other set's
 * Gram matrix and the cross one.
 */
public final class KernelInceptionDistance {

    public static final int DEFAULT_SUBSETS = 100;
    public static final int DEFAULT_SUBSET_SIZE = 1000;
    /** torch-fidelity's default {@code rng_seed}. */
    public static final long DEFAULT_SEED = 2020;

    /** Subsets whose Gram matrices are formed by one batched product: fewer, larger libtorch calls. */
    private static final int SUBSETS_PER_PRODUCT = 4;

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
        return compute(new Reference(first), second, subsets, subsetSize, seed);
    }

    /**
     * As {@link #compute(FeatureMatrix, FeatureMatrix, int, int, long)} with {@code reference}'s set
     * first, reusing its within-set sums from an earlier comparison with the same draw.
     */
    public static ScoreWithSpread compute(Reference reference, FeatureMatrix second, int subsets, int subsetSize,
                                          long seed) {
        FeatureMatrix first = reference.features();
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
        Draw draw = new Draw(second.rows(), subsets, subsetSize, seed);
        double[] knownWithinFirst = reference.withinSums.get(draw);
        double[] withinFirst = knownWithinFirst != null ? knownWithinFirst : new double[subsets];
        Random random = new Random(seed);
        double gamma = 1.0 / first.columns();
        double[] mmds = new double[subsets];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            for (int s0 = 0; s0 < subsets; s0 += SUBSETS_PER_PRODUCT) {
                int count = Math.min(SUBSETS_PER_PRODUCT, subsets - s0);
                FeatureMatrix[] x = new FeatureMatrix[count];
                FeatureMatrix[] y = new FeatureMatrix[count];
                for (int s = 0; s < count; s++) {
                    x[s] = first.select(SeededSampling.withoutReplacement(first.rows(), m, random));
                    y[s] = second.select(SeededSampling.withoutReplacement(second.rows(), m, random));
                }
                try (NDManager batch = manager.newSubManager()) {
                    NDArray xs = stacked(batch, x);
                    NDArray ys = stacked(batch, y);
                    if (knownWithinFirst == null) {
                        System.arraycopy(offDiagonalSums(xs, gamma), 0, withinFirst, s0, count);
                    }
                    double[] withinY = offDiagonalSums(ys, gamma);
                    double[] across = kernelSums(xs, ys, gamma);
                    for (int s = 0; s < count; s++) {
                        mmds[s0 + s] = (withinFirst[s0 + s] + withinY[s]) / ((double) m * (m - 1))
                                - 2 * across[s] / ((double) m * m);
                    }
                }
            }
        }
        reference.withinSums.putIfAbsent(draw, withinFirst);
        return ScoreWithSpread.of(mmds);
    }

    /**
     * Per subset (the first axis of {@code x}, subsets x m x d), {@code sum_{i != j} k(x_i, x_j)}. The Gram
     * matrix is symmetric, so of its 2 x 2 blocks only those on and above the diagonal are formed (3/4 of
     * the products), the block above counted twice; the terms i = j come from the squared norms.
     */
    private static double[] offDiagonalSums(NDArray x, double gamma) {
        int subsets = (int) x.getShape().get(0);
        long half = x.getShape().get(1) / 2;
        try (NDScope ignored = new NDScope()) {
            NDArray top = x.get(":, :{}", half);
            NDArray bottom = x.get(":, {}:", half);
            double[] onTop = kernelSums(top, top, gamma);
            double[] onBottom = kernelSums(bottom, bottom, gamma);
            double[] between = kernelSums(top, bottom, gamma);
            double[] diagonal = kernel(x.mul(x).sum(new int[] {2}), gamma).sum(new int[] {1}).toDoubleArray();
            double[] sums = new double[subsets];
            for (int s = 0; s < subsets; s++) {
                sums[s] = onTop[s] + onBottom[s] + 2 * between[s] - diagonal[s];
            }
            return sums;
        }
    }

    /**
     * Per subset (the first axis of {@code x} and {@code y}, subsets x rows x d), {@code sum_{i, j} k(x_i, y_j)}.
     * The Gram matrices are freed before it returns.
     */
    private static double[] kernelSums(NDArray x, NDArray y, double gamma) {
        try (NDScope ignored = new NDScope()) {
            return kernel(x.batchMatMul(y.transpose(0, 2, 1)), gamma).sum(new int[] {1, 2}).toDoubleArray();
        }
    }

    /**
     * {@code (x.y gamma + 1)^3} of every dot product, in place (no second Gram-sized buffer), with
     * torch-fidelity's {@code ** 3}.
     */
    private static NDArray kernel(NDArray dots, double gamma) {
        return dots.muli(gamma).addi(1.0).powi(3);
    }

    /**
     * A set compared with many others, e.g. the held-out features every checkpoint is judged against,
     * with its within-set kernel sums per draw. Both sets' subsets come from one random stream, so its
     * own subsets are fixed by the draw: subset count and size, seed, and the other set's size.
     */
    public static final class Reference {
        private final FeatureMatrix features;
        private final Map<Draw, double[]> withinSums = new ConcurrentHashMap<>();

        public Reference(FeatureMatrix features) {
            this.features = features;
        }

        public FeatureMatrix features() {
            return features;
        }
    }

    private record Draw(int secondRows, int subsets, int subsetSize, long seed) {
    }

    /** Equally sized sample sets as one float64 tensor, sets x rows x features. */
    private static NDArray stacked(NDManager manager, FeatureMatrix[] sets) {
        int rows = sets[0].rows();
        int d = sets[0].columns();
        double[] values = new double[sets.length * rows * d];
        for (int s = 0; s < sets.length; s++) {
            System.arraycopy(sets[s].values(), 0, values, s * rows * d, rows * d);
        }
        return manager.create(values, new Shape(sets.length, rows, d));
    }
}
