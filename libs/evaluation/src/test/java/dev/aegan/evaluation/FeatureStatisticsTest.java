package dev.aegan.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mean and covariance against a textbook two-pass computation (tolerance 1e-12 absolute on
 * covariances of unit scale: the blocked product only reorders sums), and the byte format.
 */
class FeatureStatisticsTest {

    @Test
    void matchesTheTwoPassDefinitionAcrossBlockBoundaries() {
        // 300 features cross the product's 256-column blocks; the offset of 1000 would cost
        // E[xx] - mu mu digits.
        Random random = new Random(3);
        int n = 700;
        int d = 300;
        FeatureMatrix x = FrechetDistanceTest.gaussian(n, d, 1000.0, random);
        FeatureStatistics statistics = FeatureStatistics.of(x);
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                mean[p] += x.get(i, p) / n;
            }
        }
        double[] covariance = statistics.covariance();
        double worst = 0;
        for (int a = 0; a < d; a += 7) {
            for (int b = 0; b < d; b += 3) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += (x.get(i, a) - mean[a]) * (x.get(i, b) - mean[b]);
                }
                worst = Math.max(worst, Math.abs(covariance[a * d + b] - sum / (n - 1)));
                assertEquals(covariance[a * d + b], covariance[b * d + a]);
            }
        }
        assertTrue(worst <= 1e-12, "largest covariance error " + worst);
        assertArrayEquals(mean, statistics.mean(), 1e-9);
    }

    @Test
    void bytesRoundTripExactly() {
        FeatureStatistics statistics = FeatureStatistics.of(FrechetDistanceTest.gaussian(50, 33, 0.5, new Random(9)));
        FeatureStatistics read = FeatureStatistics.fromBytes(statistics.toBytes());
        assertEquals(50, read.sampleCount());
        assertEquals(33, read.dimension());
        assertArrayEquals(statistics.mean(), read.mean());
        assertArrayEquals(statistics.covariance(), read.covariance());
    }

    @Test
    void refusesBytesThatAreNotStatistics() {
        byte[] bytes = FeatureStatistics.of(FrechetDistanceTest.gaussian(10, 4, 0, new Random(1))).toBytes();
        IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
                () -> FeatureStatistics.fromBytes(Arrays.copyOf(bytes, bytes.length - 8)));
        assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        IllegalArgumentException notOurs = assertThrows(IllegalArgumentException.class,
                () -> FeatureStatistics.fromBytes(png));
        assertTrue(notOurs.getMessage().contains("AEFS"), notOurs.getMessage());
    }

    @Test
    void needsTwoSamples() {
        assertThrows(IllegalArgumentException.class, () -> FeatureStatistics.of(new FeatureMatrix(1, 3, new double[3])));
    }
}
