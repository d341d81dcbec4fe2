package dev.aegan.evaluation;

import static dev.aegan.evaluation.ReferenceFixture.get;
import static dev.aegan.evaluation.ReferenceFixture.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The one-scan comparison against the references {@link PrecisionRecallTest} and {@link DensityCoverageTest} use. */
class ManifoldComparisonTest {

    @Test
    void matchesBothReferencesFromOneScan() {
        FeatureMatrix generated = matrix(get("features", "generated"));
        ManifoldComparison comparison = ManifoldComparison.of(ManifoldEstimate.of(matrix(get("features", "real"))),
                ManifoldEstimate.of(generated));
        assertEquals(get("precision_recall").get("precision").asDouble(), comparison.precisionRecall().precision(), 0.0);
        assertEquals(get("precision_recall").get("recall").asDouble(), comparison.precisionRecall().recall(), 0.0);
        assertEquals(get("density_coverage").get("density").asDouble(), comparison.densityCoverage().density(), 1e-12);
        assertEquals(get("density_coverage").get("coverage").asDouble(), comparison.densityCoverage().coverage(), 0.0);
    }
}
