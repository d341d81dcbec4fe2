package dev.aegan.evaluation;

import static dev.aegan.evaluation.ReferenceFixture.get;
import static dev.aegan.evaluation.ReferenceFixture.matrix;
import static dev.aegan.evaluation.ReferenceFixture.relativeError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * FID against pytorch-fid's {@code calculate_frechet_distance} (scipy sqrtm, run by
 * {@code evaluation_reference.py} on the fixture's features) and against closed forms.
 *
 * <p>Tolerances: 1e-6 relative to pytorch-fid (the requirement; observed ~1e-12 on full-rank
 * covariances, ~2e-8 on the rank-deficient ones, where sqrtm goes complex and pytorch-fid drops the
 * imaginary part); 1e-9 relative to the numpy eigh computation of the same trace that we do.
 * Closed forms are met to rounding: 1e-10 times the covariance trace, the scale of every term.
 */
class FrechetDistanceTest {

    private static final double PYTORCH_FID_TOLERANCE = 1e-6;
    private static final double EIGH_TOLERANCE = 1e-9;
    private static final double ROUNDING = 1e-10;

    @Test
    void matchesPytorchFidOnFullRankFeatures() {
        FeatureStatistics real = FeatureStatistics.of(matrix(get("features", "real")));
        FeatureStatistics generated = FeatureStatistics.of(matrix(get("features", "generated")));
        double fid = FrechetDistance.between(real, generated);
        double error = relativeError(fid, get("fid", "pytorch_fid").asDouble());
        System.out.printf("FID %.12g, relative difference to pytorch-fid %.2g%n", fid, error);
        assertTrue(error <= PYTORCH_FID_TOLERANCE, "FID " + fid + " vs pytorch-fid " + get("fid", "pytorch_fid"));
        assertTrue(relativeError(fid, get("fid", "eigh").asDouble()) <= EIGH_TOLERANCE);
    }

    @Test
    void rankDeficientCovariancesGiveTheReferenceValueNotNaN() {
        FeatureStatistics first = FeatureStatistics.of(matrix(get("fid", "rank_deficient", "first")));
        FeatureStatistics second = FeatureStatistics.of(matrix(get("fid", "rank_deficient", "second")));
        double fid = FrechetDistance.between(first, second);
        double eighError = relativeError(fid, get("fid", "rank_deficient", "eigh").asDouble());
        double sqrtmError = relativeError(fid, get("fid", "rank_deficient", "pytorch_fid").asDouble());
        System.out.printf("rank-deficient FID %.12g: relative difference %.2g to eigh, %.2g to pytorch-fid%n", fid,
                eighError, sqrtmError);
        assertTrue(eighError <= EIGH_TOLERANCE, "FID " + fid);
        assertTrue(sqrtmError <= PYTORCH_FID_TOLERANCE, "FID " + fid);
    }

    @Test
    void fewerSamplesThanDimensionsStaysFiniteAndNonNegative() {
        Random random = new Random(5);
        for (int trial = 0; trial < 3; trial++) {
            FeatureStatistics a = FeatureStatistics.of(gaussian(100, 256, 0.0, random));
            FeatureStatistics b = FeatureStatistics.of(gaussian(100, 256, 0.05 * trial, random));
            double fid = FrechetDistance.between(a, b);
            assertTrue(Double.isFinite(fid) && fid >= 0, "FID " + fid);
            assertEquals(0.0, FrechetDistance.between(a, a), ROUNDING * trace(a));
        }
    }

    @Test
    void equalCovariancesLeaveTheSquaredMeanDifference() {
        // Multiples of 1/8 and 512 samples: means and centred values are exact, so shifting every
        // sample leaves the covariance bit-for-bit equal. 300 features span two blocks of the products.
        Random random = new Random(11);
        int n = 512;
        int d = 300;
        double[] values = new double[n * d];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(64) / 8.0;
        }
        double[] shifted = values.clone();
        double[] shift = new double[d];
        double expected = 0;
        for (int p = 0; p < d; p++) {
            shift[p] = (p % 5 - 2) * 0.75;
            expected += shift[p] * shift[p];
        }
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                shifted[i * d + p] += shift[p];
            }
        }
        FeatureStatistics a = FeatureStatistics.of(new FeatureMatrix(n, d, values));
        FeatureStatistics b = FeatureStatistics.of(new FeatureMatrix(n, d, shifted));
        assertArrayEquals(a.covariance(), b.covariance());
        double fid = FrechetDistance.between(a, b);
        System.out.printf("equal covariances: FID - |mu1 - mu2|^2 = %.2g (trace %.3g)%n", fid - expected, trace(a));
        assertEquals(expected, fid, ROUNDING * trace(a));
    }

    @Test
    void theReferenceDecompositionServesManyComparisons() {
        FeatureStatistics real = FeatureStatistics.of(matrix(get("features", "real")));
        FeatureStatistics generated = FeatureStatistics.of(matrix(get("features", "generated")));
        FeatureStatistics training = FeatureStatistics.of(matrix(get("features", "training")));
        FrechetDistance againstReal = FrechetDistance.against(real);
        assertEquals(FrechetDistance.between(real, generated), againstReal.to(generated));
        assertEquals(FrechetDistance.between(real, training), againstReal.to(training));
    }

    @Test
    void refusesStatisticsOfAnotherExtractor() {
        FeatureStatistics a = FeatureStatistics.of(gaussian(20, 8, 0, new Random(1)));
        FeatureStatistics b = FeatureStatistics.of(gaussian(20, 9, 0, new Random(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FrechetDistance.between(a, b));
        assertTrue(e.getMessage().contains("9 features"), e.getMessage());
    }

    static FeatureMatrix gaussian(int n, int d, double mean, Random random) {
        double[] values = new double[n * d];
        for (int i = 0; i < values.length; i++) {
            values[i] = mean + random.nextGaussian();
        }
        return new FeatureMatrix(n, d, values);
    }

    private static double trace(FeatureStatistics s) {
        double[] c = s.covariance();
        double sum = 0;
        for (int i = 0; i < s.dimension(); i++) {
            sum += c[i * s.dimension() + i];
        }
        return sum;
    }
}
