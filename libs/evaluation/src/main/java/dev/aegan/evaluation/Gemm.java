package dev.aegan.evaluation;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Dense matrix product in plain Java, fast enough that no metric needs a native BLAS.
 *
 * <p>The innermost loop runs along a row of B and four rows of the result at once, so HotSpot's
 * auto-vectoriser turns it into SIMD multiply-adds; B is copied in blocks of {@value #COLUMN_BLOCK}
 * columns by {@value #DEPTH_BLOCK} rows that stay in the L2 cache while every row of A passes over
 * them. A is addressed through two strides, so a transposed operand (Xᵀ X for a covariance) needs
 * no copy. Every array in that loop is indexed from 0 (B's block rows and the four result rows are
 * small arrays of their own): with the arrays indexed at different offsets, HotSpot 17 left the
 * loop scalar, 2-3x slower.
 */
final class Gemm {

    static final int COLUMN_BLOCK = 256;
    private static final int DEPTH_BLOCK = 256;

    private Gemm() {
    }

    /**
     * {@code C = A B}: for {@code i < m, j < n},
     * {@code c[cOffset + i*ldc + j] = sum_{p < k} A(i, p) * b[bOffset + p*ldb + j]} with
     * {@code A(i, p) = a[aOffset + i*aRowStride + p*aColumnStride]}. Overwrites C.
     */
    static void multiply(double[] a, int aOffset, int aRowStride, int aColumnStride,
                         double[] b, int bOffset, int ldb,
                         double[] c, int cOffset, int ldc, int m, int n, int k) {
        double[] t0 = new double[COLUMN_BLOCK];
        double[] t1 = new double[COLUMN_BLOCK];
        double[] t2 = new double[COLUMN_BLOCK];
        double[] t3 = new double[COLUMN_BLOCK];
        double[][] packed = new double[Math.min(DEPTH_BLOCK, k)][COLUMN_BLOCK];
        for (int j0 = 0; j0 < n; j0 += COLUMN_BLOCK) {
            int width = Math.min(COLUMN_BLOCK, n - j0);
            for (int p0 = 0; p0 < k; p0 += DEPTH_BLOCK) {
                int depth = Math.min(DEPTH_BLOCK, k - p0);
                for (int p = 0; p < depth; p++) {
                    System.arraycopy(b, bOffset + (p0 + p) * ldb + j0, packed[p], 0, width);
                }
                boolean first = p0 == 0;
                int i = 0;
                for (; i + 4 <= m; i += 4) {
                    int c0 = cOffset + i * ldc + j0;
                    load(c, c0, t0, width, first);
                    load(c, c0 + ldc, t1, width, first);
                    load(c, c0 + 2 * ldc, t2, width, first);
                    load(c, c0 + 3 * ldc, t3, width, first);
                    accumulateFourRows(a, aOffset + i * aRowStride + p0 * aColumnStride, aRowStride, aColumnStride,
                            packed, depth, width, t0, t1, t2, t3);
                    System.arraycopy(t0, 0, c, c0, width);
                    System.arraycopy(t1, 0, c, c0 + ldc, width);
                    System.arraycopy(t2, 0, c, c0 + 2 * ldc, width);
                    System.arraycopy(t3, 0, c, c0 + 3 * ldc, width);
                }
                for (; i < m; i++) {
                    int c0 = cOffset + i * ldc + j0;
                    load(c, c0, t0, width, first);
                    int ap = aOffset + i * aRowStride + p0 * aColumnStride;
                    for (int p = 0; p < depth; p++, ap += aColumnStride) {
                        double a0 = a[ap];
                        double[] row = packed[p];
                        for (int j = 0; j < width; j++) {
                            t0[j] += a0 * row[j];
                        }
                    }
                    System.arraycopy(t0, 0, c, c0, width);
                }
            }
        }
    }

    private static void accumulateFourRows(double[] a, int ap, int aRowStride, int aColumnStride, double[][] packed,
                                           int depth, int width, double[] t0, double[] t1, double[] t2, double[] t3) {
        for (int p = 0; p < depth; p++, ap += aColumnStride) {
            double a0 = a[ap];
            double a1 = a[ap + aRowStride];
            double a2 = a[ap + 2 * aRowStride];
            double a3 = a[ap + 3 * aRowStride];
            double[] row = packed[p];
            for (int j = 0; j < width; j++) {
                double v = row[j];
                t0[j] += a0 * v;
                t1[j] += a1 * v;
                t2[j] += a2 * v;
                t3[j] += a3 * v;
            }
        }
    }

    /**
     * The same product, its columns split into blocks computed in parallel (common fork-join pool).
     * B is row-major k x n ({@code ldb = n}), C row-major m x n.
     */
    static double[] multiplyParallel(double[] a, int aRowStride, int aColumnStride, double[] b,
                                     int m, int n, int k) {
        double[] c = new double[m * n];
        int blocks = (n + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(block -> {
            int j0 = block * COLUMN_BLOCK;
            multiply(a, 0, aRowStride, aColumnStride, b, j0, n, c, j0, n, m, Math.min(COLUMN_BLOCK, n - j0), k);
        });
        return c;
    }

    private static void load(double[] c, int from, double[] tile, int width, boolean zero) {
        if (zero) {
            Arrays.fill(tile, 0, width, 0.0);
        } else {
            System.arraycopy(c, from, tile, 0, width);
        }
    }
}
