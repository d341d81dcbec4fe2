package dev.aegan.evaluation;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Exact squared Euclidean distances between every row of one feature matrix and every row of
 * another, computed by libtorch in float64 block by block and handed to a visitor, so that no
 * n x m matrix is ever held (10,000 x 54,000 would be 4 GB).
 *
 * <p>{@code |a - b|^2 = |a|^2 + |b|^2 - 2 a.b}, the dot products one matrix product per block
 * (as scikit-learn's {@code euclidean_distances}, which prdc calls). Its rounding error is about
 * {@code 1e-16 (|a|^2 + |b|^2)}, which matters in two places, both handled:
 * <ul>
 *   <li>near-identical points: where the result falls below {@code 2^-20 (|a|^2 + |b|^2)} the pair
 *   is recomputed directly as {@code sum (a_p - b_p)^2}, so a duplicate (a memorised training
 *   image) is at exactly 0 and nothing comes out negative; every other pair is good to ~1e-9
 *   relative or better. This costs time only when many pairs are that close (a collapsed generator's samples
 *   among themselves);</li>
 *   <li>features far from the origin (post-ReLU activations): both sides are first shifted by the
 *   column samples' mean rounded to 8 significant bits. Distances do not change, the norms shrink
 *   to the spread, and data made of short binary fractions (small integers, halves) stay exact, so
 *   a point constructed to lie exactly on a k-NN radius stays exactly on it.</li>
 * </ul>
 *
 * <p>Blocks are {@value #ROW_BLOCK} rows by {@value #COLUMN_CHUNK} columns, visited column chunk by
 * column chunk and, within one, row block by row block, on the calling thread (libtorch spreads
 * each product over its intra-op threads), so a row meets the columns in increasing order. Native
 * memory is bounded by the block sizes, whatever the set sizes: the column chunk and the row block
 * each held three times (staging copy, centred, squared for the norms), one float64 block and two
 * boolean ones (the cancellation candidates, a visitor's comparison), i.e.
 * {@code 8 d 3 (ROW_BLOCK + COLUMN_CHUNK) + 10 ROW_BLOCK COLUMN_CHUNK} bytes: 59 MB for pixels
 * (d = 784), 18 MB for 128 features.
 */
final class PairwiseDistances {

    /** Receives one block: {@code squared[r * columnCount + c]} is the squared distance of row
     * {@code firstRow + r} to column {@code firstColumn + c}. */
    interface Visitor {
        void visit(int firstRow, int rowCount, int firstColumn, int columnCount, double[] squared);
    }

    /**
     * Receives one block as a float64 tensor of shape (rows, columns): entry (r, c) is the squared
     * distance of row {@code firstRow + r} to column {@code firstColumn + c}. The tensor and
     * whatever the visitor derives from it (on its manager) are closed after the call.
     */
    interface TensorVisitor {
        void visit(int firstRow, int firstColumn, NDArray squared);
    }

    /** Below this fraction of |a|^2 + |b|^2 the expansion's relative error can exceed 2^-32: recompute. */
    private static final double CANCELLATION = 0x1p-20;
    static final int ROW_BLOCK = 512;
    static final int COLUMN_CHUNK = 2048;

    private PairwiseDistances() {
    }

    /**
     * Visits every (row, column) pair once, with the distances copied into Java, in the one visitor
     * {@code newVisitor} gives; returns it.
     *
     * @throws IllegalArgumentException if the two matrices have different numbers of features
     */
    static <V extends Visitor> V scan(FeatureMatrix rows, FeatureMatrix columns, Supplier<V> newVisitor) {
        V visitor = newVisitor.get();
        scanTensors(rows, columns, inJava(visitor));
        return visitor;
    }

    /**
     * Distances within one set, each unordered pair once: the visited blocks cover every pair
     * (i, j) with j > i and skip the blocks that hold only pairs with j <= i; the visitor ignores
     * the pairs with j <= i that a block straddling the diagonal also holds. Half the work of
     * {@link #scan}; a visitor that needs per-row results must update both rows of a pair.
     */
    static <V extends Visitor> V scanPairs(FeatureMatrix samples, Supplier<V> newVisitor) {
        V visitor = newVisitor.get();
        scan(samples, samples, true, inJava(visitor));
        return visitor;
    }

    /**
     * Visits every (row, column) pair once, as tensors: for visitors that reduce a block in
     * libtorch and bring back only per-row or per-column results.
     *
     * @throws IllegalArgumentException if the two matrices have different numbers of features
     */
    static void scanTensors(FeatureMatrix rows, FeatureMatrix columns, TensorVisitor visitor) {
        if (rows.columns() != columns.columns()) {
            throw new IllegalArgumentException("cannot compare samples of " + rows.columns() + " features with samples of "
                    + columns.columns());
        }
        scan(rows, columns, false, visitor);
    }

    private static TensorVisitor inJava(Visitor visitor) {
        return (firstRow, firstColumn, squared) -> {
            Shape shape = squared.getShape();
            visitor.visit(firstRow, (int) shape.get(0), firstColumn, (int) shape.get(1), squared.toDoubleArray());
        };
    }

    private static void scan(FeatureMatrix rows, FeatureMatrix columns, boolean upperTriangle, TensorVisitor visitor) {
        double[] centre = roundedColumnMeans(columns);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray shift = manager.create(centre);
            for (int c0 = 0; c0 < columns.rows(); c0 += COLUMN_CHUNK) {
                int width = Math.min(COLUMN_CHUNK, columns.rows() - c0);
                try (NDManager chunk = manager.newSubManager()) {
                    NDArray columnBlock = centred(chunk, columns, c0, width, shift);
                    NDArray columnNorms = columnBlock.square().sum(new int[] {1});
                    double[] columnNormValues = columnNorms.toDoubleArray();
                    NDArray columnNormRow = columnNorms.reshape(1, width);
                    NDArray columnsTransposed = columnBlock.transpose();
                    for (int r0 = 0; r0 < rows.rows(); r0 += ROW_BLOCK) {
                        int height = Math.min(ROW_BLOCK, rows.rows() - r0);
                        if (upperTriangle && c0 + width <= r0 + 1) {
                            break;
                        }
                        try (NDManager block = chunk.newSubManager()) {
                            NDArray rowBlock = centred(block, rows, r0, height, shift);
                            NDArray rowNorms = rowBlock.square().sum(new int[] {1});
                            // |a|^2 + |b|^2 - 2 a.b; scaling a by -2 is exact
                            NDArray squared = rowBlock.muli(-2).matMul(columnsTransposed)
                                    .addi(rowNorms.reshape(height, 1)).addi(columnNormRow);
                            visitor.visit(r0, c0, recomputeCancelled(squared, rowNorms.toDoubleArray(),
                                    columnNormValues, rows, r0, columns, c0));
                        }
                    }
                }
            }
        }
    }

    /** Rows [from, from + count) of {@code m} minus {@code shift}, as a float64 tensor of libtorch's own. */
    private static NDArray centred(NDManager manager, FeatureMatrix m, int from, int count, NDArray shift) {
        int d = m.columns();
        NDArray staging = manager.create(Arrays.copyOfRange(m.values(), from * d, (from + count) * d),
                new Shape(count, d));
        return staging.sub(shift);
    }

    /**
     * {@code squared}, with every entry at or below {@code CANCELLATION (|a|^2 + |b|^2)} recomputed
     * directly from the unshifted features. One comparison with the block's largest such bound
     * finds the candidates (usually none); the exact bound is checked on those alone.
     */
    private static NDArray recomputeCancelled(NDArray squared, double[] rowNorms, double[] columnNorms,
                                              FeatureMatrix rows, int r0, FeatureMatrix columns, int c0) {
        double largestBound = CANCELLATION * (max(rowNorms) + max(columnNorms));
        NDArray candidates = squared.lte(largestBound);
        if (!candidates.any().getBoolean()) {
            return squared;
        }
        long[] at = candidates.nonzero().toLongArray();
        double[] values = squared.booleanMask(candidates).toDoubleArray();
        int width = columnNorms.length;
        int count = 0;
        long[] linear = new long[at.length / 2];
        double[] direct = new double[linear.length];
        for (int e = 0; e < linear.length; e++) {
            int r = (int) at[2 * e];
            int c = (int) at[2 * e + 1];
            if (values[e] <= CANCELLATION * (rowNorms[r] + columnNorms[c])) {
                linear[count] = (long) r * width + c;
                direct[count] = direct(rows, r0 + r, columns, c0 + c);
                count++;
            }
        }
        NDManager manager = squared.getManager();
        return count == 0 ? squared : squared.put(manager.create(Arrays.copyOf(linear, count)),
                manager.create(Arrays.copyOf(direct, count)));
    }

    private static double max(double[] values) {
        double max = 0;
        for (double v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static double direct(FeatureMatrix a, int i, FeatureMatrix b, int j) {
        int d = a.columns();
        double[] u = a.values();
        double[] v = b.values();
        double sum = 0;
        for (int p = 0; p < d; p++) {
            double difference = u[i * d + p] - v[j * d + p];
            sum += difference * difference;
        }
        return sum;
    }

    private static double[] roundedColumnMeans(FeatureMatrix m) {
        double[] means = new double[m.columns()];
        double[] v = m.values();
        for (int i = 0; i < m.rows(); i++) {
            for (int p = 0; p < m.columns(); p++) {
                means[p] += v[i * m.columns() + p];
            }
        }
        for (int p = 0; p < m.columns(); p++) {
            double mean = means[p] / m.rows();
            int exponent = Math.getExponent(mean);
            means[p] = Math.scalb(Math.rint(Math.scalb(mean, 7 - exponent)), exponent - 7);
        }
        return means;
    }
}
