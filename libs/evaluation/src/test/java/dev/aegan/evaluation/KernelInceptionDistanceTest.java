package dev.aegan.evaluation;

import static dev.aegan.evaluation.ReferenceFixture.get;
import static dev.aegan.evaluation.ReferenceFixture.matrix;
import static dev.aegan.evaluation.ReferenceFixture.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * KID against torch-fidelity's {@code polynomial_kernel} and unbiased {@code mmd2}, evaluated by
 * {@code evaluation_reference.py} on the same subsets (it replays java.util.Random). Tolerance: 1e-9
 * relative on the mean and the spread (observed ~1e-14: the sums differ only in order).
 */
class KernelInceptionDistanceTest {

    private static final double TOLERANCE = 1e-9;

    @Test
    void matchesTorchFidelityOnTheSameSubsets() {
        JsonNode reference = get("kid");
        ScoreWithSpread kid = KernelInceptionDistance.compute(matrix(get("features", "real")),
                matrix(get("features", "generated")), reference.get("subsets").asInt(),
                reference.get("subset_size").asInt(), reference.get("seed").asLong());
        double meanError = relativeError(kid.mean(), reference.get("mean").asDouble());
        double stdError = relativeError(kid.std(), reference.get("std").asDouble());
        System.out.printf("KID %.12g +- %.6g: relative difference to torch-fidelity %.2g, %.2g%n", kid.mean(), kid.std(),
                meanError, stdError);
        assertTrue(meanError <= TOLERANCE, "KID " + kid + " vs " + reference);
        assertTrue(stdError <= TOLERANCE, "KID " + kid + " vs " + reference);
    }

    @Test
    void twoSamplesOfOneDistributionScoreAboutZeroAndCanGoNegative() {
        Random random = new Random(21);
        FeatureMatrix reference = FrechetDistanceTest.gaussian(1000, 16, 0.0, random);
        double apart = KernelInceptionDistance.compute(reference, FrechetDistanceTest.gaussian(1000, 16, 0.5, random),
                10, 500, 1).mean();
        int negative = 0;
        for (int trial = 0; trial < 8; trial++) {
            double kid = KernelInceptionDistance.compute(FrechetDistanceTest.gaussian(1000, 16, 0.0, random),
                    FrechetDistanceTest.gaussian(1000, 16, 0.0, random), 10, 500, trial).mean();
            System.out.printf("KID of one distribution %.5f (shifted by 0.5: %.5f)%n", kid, apart);
            assertTrue(Math.abs(kid) < apart / 20, "KID of one distribution " + kid + ", of shifted ones " + apart);
            if (kid < 0) {
                negative++;
            }
        }
        assertTrue(negative > 0, "the unbiased estimate is not clipped at 0, so some draws go below it");
    }

    @Test
    void isReproducibleForASeedAndCapsTheSubsetAtTheSmallerSet() {
        FeatureMatrix real = matrix(get("features", "real"));
        FeatureMatrix generated = matrix(get("features", "generated"));
        assertEquals(KernelInceptionDistance.compute(real, generated), KernelInceptionDistance.compute(real, generated));
        assertNotEquals(KernelInceptionDistance.compute(real, generated, 10, 200, 1),
                KernelInceptionDistance.compute(real, generated, 10, 200, 2));
        // 500 generated samples: the default subset of 1000 becomes 500.
        assertEquals(KernelInceptionDistance.compute(real, generated, 3, 500, 4),
                KernelInceptionDistance.compute(real, generated, 3, 1000, 4));
    }

    @Test
    void aReferenceReusesItsWithinSumsOnlyForTheSameDraw() {
        Random random = new Random(9);
        FeatureMatrix real = FrechetDistanceTest.gaussian(700, 8, 0.0, random);
        FeatureMatrix first = FrechetDistanceTest.gaussian(400, 8, 0.3, random);
        FeatureMatrix sameSize = FrechetDistanceTest.gaussian(400, 8, 0.6, random);
        FeatureMatrix smaller = FrechetDistanceTest.gaussian(250, 8, 0.6, random);
        KernelInceptionDistance.Reference reference = new KernelInceptionDistance.Reference(real);
        assertAsWithoutReference(reference, first, 6, 300, 3);
        // the same draw: the sums kept from the comparison with `first`
        assertAsWithoutReference(reference, sameSize, 6, 300, 3);
        // another draw each: a second set smaller than the subsets, another seed, subset count or size
        assertAsWithoutReference(reference, smaller, 6, 300, 3);
        assertAsWithoutReference(reference, sameSize, 6, 300, 4);
        assertAsWithoutReference(reference, sameSize, 8, 300, 3);
        assertAsWithoutReference(reference, sameSize, 6, 200, 3);
    }

    private static void assertAsWithoutReference(KernelInceptionDistance.Reference reference, FeatureMatrix second,
                                                 int subsets, int subsetSize, long seed) {
        assertEquals(KernelInceptionDistance.compute(reference.features(), second, subsets, subsetSize, seed),
                KernelInceptionDistance.compute(reference, second, subsets, subsetSize, seed));
    }
}
