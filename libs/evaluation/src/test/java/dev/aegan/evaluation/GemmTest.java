package dev.aegan.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The blocked product against the triple loop, at sizes that leave partial blocks in every
 * dimension (rows not a multiple of 4, columns and depth beyond one block), with both layouts of A.
 * Tolerance 1e-12 absolute on entries of size ~sqrt(k): only the order of the sums differs.
 */
class GemmTest {

    @Test
    void matchesTheTripleLoopInBothLayoutsOfA() {
        Random random = new Random(2);
        int m = 131;
        int n = 517;
        int k = 300;
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextGaussian();
        }
        double[] aTransposed = new double[k * m];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                aTransposed[p * m + i] = a[i * k + p];
            }
        }
        double[] rowMajor = Gemm.multiplyParallel(a, k, 1, b, m, n, k);
        double[] columnMajor = Gemm.multiplyParallel(aTransposed, 1, m, b, m, n, k);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int p = 0; p < k; p++) {
                    expected += a[i * k + p] * b[p * n + j];
                }
                assertEquals(expected, rowMajor[i * n + j], 1e-12, "row-major A, entry " + i + ", " + j);
                assertEquals(expected, columnMajor[i * n + j], 1e-12, "transposed A, entry " + i + ", " + j);
            }
        }
    }
}
