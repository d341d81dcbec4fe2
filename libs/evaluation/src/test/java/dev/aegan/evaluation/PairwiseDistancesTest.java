package dev.aegan.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every pair visited exactly once with its distance, against the direct sum of squared differences,
 * across row blocks, column chunks and tasks (2,300 x 1,100 samples). Tolerance 1e-10 relative:
 * the claim of the class comment. Features sit at an offset of 50 against a spread of 1, which
 * without the shift would cost the expansion ~4 more digits.
 */
class PairwiseDistancesTest {

    private static final double TOLERANCE = 1e-10;

    @Test
    void visitsEveryPairOnceWithItsDistance() {
        Random random = new Random(8);
        FeatureMatrix rows = FrechetDistanceTest.gaussian(2300, 20, 50.0, random);
        FeatureMatrix columns = FrechetDistanceTest.gaussian(1100, 20, 50.0, random);
        int[] visits = new int[rows.rows() * columns.rows()];
        double[] worst = new double[1];
        PairwiseDistances.scan(rows, columns, () -> (firstRow, rowCount, firstColumn, columnCount, squared) -> {
            for (int r = 0; r < rowCount; r++) {
                for (int c = 0; c < columnCount; c++) {
                    int i = firstRow + r;
                    int j = firstColumn + c;
                    visits[i * columns.rows() + j]++;
                    double error = relative(squared[r * columnCount + c], direct(rows, i, columns, j));
                    synchronized (worst) {
                        worst[0] = Math.max(worst[0], error);
                    }
                }
            }
        });
        assertTrue(Arrays.stream(visits).allMatch(v -> v == 1), "some pair was not visited exactly once");
        assertTrue(worst[0] <= TOLERANCE, "largest relative error " + worst[0]);
    }

    @Test
    void pairsWithinOneSetCoverTheUpperTriangle() {
        Random random = new Random(9);
        FeatureMatrix samples = FrechetDistanceTest.gaussian(2100, 12, 0.0, random);
        int n = samples.rows();
        int[] visits = new int[n * n];
        PairwiseDistances.scanPairs(samples, () -> (firstRow, rowCount, firstColumn, columnCount, squared) -> {
            for (int r = 0; r < rowCount; r++) {
                for (int c = 0; c < columnCount; c++) {
                    int i = firstRow + r;
                    int j = firstColumn + c;
                    if (j > i) {
                        visits[i * n + j]++;
                        assertTrue(relative(squared[r * columnCount + c], direct(samples, i, samples, j)) <= TOLERANCE);
                    }
                }
            }
        });
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                assertEquals(1, visits[i * n + j], "pair " + i + ", " + j);
            }
        }
    }

    @Test
    void duplicatesAreAtExactlyZero() {
        FeatureMatrix a = FrechetDistanceTest.gaussian(5, 64, 3.0, new Random(4));
        double[] seen = new double[1];
        PairwiseDistances.scan(a.select(new int[] {2}), a, () -> (firstRow, rowCount, firstColumn, columnCount,
                squared) -> seen[0] = squared[2]);
        assertEquals(0.0, seen[0]);
    }

    private static double direct(FeatureMatrix a, int i, FeatureMatrix b, int j) {
        double sum = 0;
        for (int p = 0; p < a.columns(); p++) {
            double difference = a.get(i, p) - b.get(j, p);
            sum += difference * difference;
        }
        return sum;
    }

    private static double relative(double actual, double expected) {
        return Math.abs(actual - expected) / expected;
    }
}
