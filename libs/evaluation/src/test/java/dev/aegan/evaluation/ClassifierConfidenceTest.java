package dev.aegan.evaluation;

import static dev.aegan.evaluation.ReferenceFixture.get;
import static dev.aegan.evaluation.ReferenceFixture.matrix;
import static dev.aegan.evaluation.ReferenceFixture.relativeError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Classifier confidence against torch ({@code probabilities.max(dim=1).values.mean()} in float64) and its closed forms. */
class ClassifierConfidenceTest {

    @Test
    void matchesTorchOnTheFixture() {
        JsonNode reference = get("inception_score");
        double confidence = ClassifierConfidence.compute(matrix(reference.get("probabilities")));
        double error = relativeError(confidence, reference.get("classifier_confidence").asDouble());
        assertTrue(error <= 1e-12, "confidence " + confidence + " vs torch " + reference.get("classifier_confidence"));
    }

    @Test
    void uniformPredictionsScoreOneOverTheClasses() {
        double[] p = new double[50 * 4];
        Arrays.fill(p, 0.25);
        assertEquals(0.25, ClassifierConfidence.compute(new FeatureMatrix(50, 4, p)), 1e-15);
    }

    @Test
    void certainPredictionsScoreOneWhateverTheClass() {
        double[] p = new double[30 * 3];
        for (int i = 0; i < 30; i++) {
            p[i * 3 + i % 3] = 1.0;
        }
        assertEquals(1.0, ClassifierConfidence.compute(new FeatureMatrix(30, 3, p)), 1e-15);
    }

    @Test
    void refusesLogits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassifierConfidence.compute(new FeatureMatrix(2, 2, new double[] {2, -1, 0.5, 0.5})));
        assertTrue(e.getMessage().contains("softmax"), e.getMessage());
    }
}
