package dev.aegan.evaluation;

import static dev.aegan.evaluation.ReferenceFixture.get;
import static dev.aegan.evaluation.ReferenceFixture.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Density/coverage against prdc's {@code compute_prdc} (its numpy code, scipy cdist for sklearn's
 * distances). Coverage is a fraction of counted samples, equal exactly; density is a count divided
 * in another order (prdc: {@code 1/k * mean(counts)}), equal to 1e-12. The fixture's closest
 * distance to a radius is 6.9e-4, far above rounding.
 */
class DensityCoverageTest {

    @Test
    void matchesPrdc() {
        JsonNode reference = get("density_coverage");
        DensityCoverage.Result result = DensityCoverage.compute(ManifoldEstimate.of(matrix(get("features", "real"))),
                matrix(get("features", "generated")));
        System.out.printf("density %.6f coverage %.4f%n", result.density(), result.coverage());
        assertEquals(reference.get("density").asDouble(), result.density(), 1e-12);
        assertEquals(reference.get("coverage").asDouble(), result.coverage(), 0.0);
    }

    @Test
    void aSampleExactlyOnAFifthNeighbourRadiusIsOutside() {
        // Real samples at x = 0..7: sample 0's fifth nearest neighbour is at distance 5, sample 1's at 4.
        ManifoldEstimate real = ManifoldEstimate.of(PrecisionRecallTest.line(0, 8));
        assertEquals(5.0, real.radius(0, 5));
        DensityCoverage.Result onRadius = DensityCoverage.compute(real, FeatureMatrix.of(new double[][] {{-5, 0}}));
        assertEquals(new DensityCoverage.Result(0.0, 0.0), onRadius);
        DensityCoverage.Result inside = DensityCoverage.compute(real, FeatureMatrix.of(new double[][] {{-4, 0}}));
        assertEquals(new DensityCoverage.Result(1.0 / 5, 1.0 / 8), inside);
    }
}
