package dev.aegan.evaluation;

import static dev.aegan.evaluation.ReferenceFixture.get;
import static dev.aegan.evaluation.ReferenceFixture.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Improved precision/recall against a numpy computation of Kynkäänniemi et al.'s manifold test
 * (scipy cdist, k-th neighbour by sorting, {@code <=}), exactly: both are fractions of counted
 * samples, and the fixture's closest distance to any radius is 1.4e-5, far above rounding.
 */
class PrecisionRecallTest {

    @Test
    void matchesTheReferenceExactly() {
        JsonNode reference = get("precision_recall");
        PrecisionRecall.Result result = PrecisionRecall.compute(ManifoldEstimate.of(matrix(get("features", "real"))),
                ManifoldEstimate.of(matrix(get("features", "generated"))));
        System.out.printf("precision %.4f recall %.4f%n", result.precision(), result.recall());
        assertEquals(reference.get("precision").asDouble(), result.precision(), 0.0);
        assertEquals(reference.get("recall").asDouble(), result.recall(), 0.0);
    }

    @Test
    void aSampleExactlyOnAThirdNeighbourRadiusIsInside() {
        // Real samples at x = 0..7: sample 0's third nearest neighbour is at distance 3.
        ManifoldEstimate real = ManifoldEstimate.of(line(0, 8));
        assertEquals(3.0, real.radius(0, 3));
        assertEquals(1.0 / 6, PrecisionRecall.compute(real, ManifoldEstimate.of(farAwayPlus(-3.0))).precision());
        assertEquals(0.0, PrecisionRecall.compute(real, ManifoldEstimate.of(farAwayPlus(-3.5))).precision());
    }

    /** n samples at (first + i, 0). */
    static FeatureMatrix line(int first, int n) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {first + i, 0};
        }
        return FeatureMatrix.of(rows);
    }

    /** A sample at (x, 0) and five samples 100 away from every real sample's ball. */
    private static FeatureMatrix farAwayPlus(double x) {
        return FeatureMatrix.of(new double[][] {{x, 0}, {0, 100}, {1, 100}, {2, 100}, {3, 100}, {4, 100}});
    }
}
