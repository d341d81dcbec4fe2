package dev.aegan.evaluation;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Exact squared Euclidean distances between every row of one feature matrix and every row of
 * another, streamed block by block to a visitor so that no n x m matrix is ever held (10,000 x
 * 54,000 would be 4 GB).
 *
 * <p>{@code |a - b|^2 = |a|^2 + |b|^2 - 2 a.b}, the dot products from {@link Gemm} (as
 * scikit-learn's {@code euclidean_distances}, which prdc calls). Its rounding error is about
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
 * <p>Rows are split into contiguous ranges, one task each (a few per core, common fork-join pool).
 * A task sees all of its rows against all columns, so per-row results need no synchronisation;
 * per-column results are kept per task (one visitor each) and merged by the caller.
 */
final class PairwiseDistances {

    /** Receives one block: {@code squared[r * columnCount + c]} is the squared distance of row
     * {@code firstRow + r} to column {@code firstColumn + c}. The array is reused for the next block. */
    interface Visitor {
        void visit(int firstRow, int rowCount, int firstColumn, int columnCount, double[] squared);
    }

    /** Below this fraction of |a|^2 + |b|^2 the expansion's relative error can exceed 2^-32: recompute. */
    private static final double CANCELLATION = 0x1p-20;
    private static final int ROW_BLOCK = 128;
    private static final int COLUMN_CHUNK = 1024;
    private static final int TASKS_PER_CORE = 4;

    private PairwiseDistances() {
    }

    /**
     * Visits every (row, column) pair once; returns the visitors, one per task, in row order.
     *
     * @throws IllegalArgumentException if the two matrices have different numbers of features
     */
    static <V extends Visitor> List<V> scan(FeatureMatrix rows, FeatureMatrix columns, Supplier<V> newVisitor) {
        if (rows.columns() != columns.columns()) {
            throw new IllegalArgumentException("cannot compare samples of " + rows.columns() + " features with samples of "
                    + columns.columns());
        }
        return scan(rows, columns, false, newVisitor);
    }

    /**
     * Distances within one set, each unordered pair once: the visited blocks cover every pair
     * (i, j) with j > i and skip the blocks that hold only pairs with j <= i; the visitor ignores
     * the pairs with j <= i that a block straddling the diagonal also holds. Half the work of
     * {@link #scan}; a visitor that needs per-row results must update both rows of a pair.
     */
    static <V extends Visitor> List<V> scanPairs(FeatureMatrix samples, Supplier<V> newVisitor) {
        return scan(samples, samples, true, newVisitor);
    }

    private static <V extends Visitor> List<V> scan(FeatureMatrix rows, FeatureMatrix columns, boolean upperTriangle,
                                                    Supplier<V> newVisitor) {
        double[] centre = roundedColumnMeans(columns);
        double[] rowNorms = squaredNorms(rows, centre);
        double[] columnNorms = squaredNorms(columns, centre);
        int tasks = Math.max(1, Math.min((rows.rows() + ROW_BLOCK - 1) / ROW_BLOCK,
                TASKS_PER_CORE * Runtime.getRuntime().availableProcessors()));
        return IntStream.range(0, tasks).parallel().mapToObj(task -> {
            V visitor = newVisitor.get();
            int from = (int) ((long) rows.rows() * task / tasks);
            int to = (int) ((long) rows.rows() * (task + 1) / tasks);
            scanRange(rows, from, to, columns, upperTriangle, centre, rowNorms, columnNorms, visitor);
            return visitor;
        }).toList();
    }

    private static void scanRange(FeatureMatrix rows, int from, int to, FeatureMatrix columns, boolean upperTriangle,
                                  double[] centre, double[] rowNorms, double[] columnNorms, Visitor visitor) {
        int d = rows.columns();
        double[] u = rows.values();
        double[] v = columns.values();
        int maxWidth = Math.min(COLUMN_CHUNK, columns.rows());
        int maxHeight = Math.min(ROW_BLOCK, to - from);
        double[] transposed = new double[d * maxWidth];
        double[] rowBlock = new double[maxHeight * d];
        double[] block = new double[maxHeight * maxWidth];
        for (int c0 = 0; c0 < columns.rows(); c0 += COLUMN_CHUNK) {
            int width = Math.min(COLUMN_CHUNK, columns.rows() - c0);
            if (upperTriangle && c0 + width <= from + 1) {
                continue;
            }
            for (int c = 0; c < width; c++) {
                int source = (c0 + c) * d;
                for (int p = 0; p < d; p++) {
                    transposed[p * width + c] = v[source + p] - centre[p];
                }
            }
            for (int r0 = from; r0 < to; r0 += ROW_BLOCK) {
                int height = Math.min(ROW_BLOCK, to - r0);
                if (upperTriangle && c0 + width <= r0 + 1) {
                    continue;
                }
                for (int r = 0; r < height; r++) {
                    int source = (r0 + r) * d;
                    for (int p = 0; p < d; p++) {
                        rowBlock[r * d + p] = u[source + p] - centre[p];
                    }
                }
                Gemm.multiply(rowBlock, 0, d, 1, transposed, 0, width, block, 0, width, height, width, d);
                for (int r = 0; r < height; r++) {
                    double rowNorm = rowNorms[r0 + r];
                    int offset = r * width;
                    for (int c = 0; c < width; c++) {
                        double norms = rowNorm + columnNorms[c0 + c];
                        double squared = norms - 2 * block[offset + c];
                        block[offset + c] = squared > CANCELLATION * norms
                                ? squared : direct(u, (r0 + r) * d, v, (c0 + c) * d, d);
                    }
                }
                visitor.visit(r0, height, c0, width, block);
            }
        }
    }

    private static double direct(double[] a, int aOffset, double[] b, int bOffset, int d) {
        double sum = 0;
        for (int p = 0; p < d; p++) {
            double difference = a[aOffset + p] - b[bOffset + p];
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

    private static double[] squaredNorms(FeatureMatrix m, double[] centre) {
        double[] norms = new double[m.rows()];
        double[] v = m.values();
        for (int i = 0; i < m.rows(); i++) {
            double sum = 0;
            for (int p = 0; p < m.columns(); p++) {
                double x = v[i * m.columns() + p] - centre[p];
                sum += x * x;
            }
            norms[i] = sum;
        }
        return norms;
    }
}
