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

/**
 * Inception Score against torch-fidelity's {@code isc_features_to_metric} (on probabilities, same
 * permutation; tolerance 1e-10 relative, observed ~1e-15) and its two closed forms (to 1e-12).
 */
class InceptionScoreTest {

    @Test
    void matchesTorchFidelityOnTheSameSplits() {
        JsonNode reference = get("inception_score");
        ScoreWithSpread is = InceptionScore.compute(matrix(reference.get("probabilities")),
                reference.get("splits").asInt(), reference.get("seed").asLong());
        double meanError = relativeError(is.mean(), reference.get("mean").asDouble());
        double stdError = relativeError(is.std(), reference.get("std").asDouble());
        System.out.printf("IS %.12g +- %.6g: relative difference to torch-fidelity %.2g, %.2g%n", is.mean(), is.std(),
                meanError, stdError);
        assertTrue(meanError <= 1e-10 && stdError <= 1e-10, "IS " + is + " vs " + reference.get("mean"));
    }

    @Test
    void uniformPredictionsScoreOne() {
        double[] p = new double[100 * 7];
        Arrays.fill(p, 1.0 / 7);
        ScoreWithSpread is = InceptionScore.compute(new FeatureMatrix(100, 7, p));
        assertEquals(1.0, is.mean(), 1e-12);
        assertEquals(0.0, is.std(), 1e-12);
    }

    @Test
    void confidentBalancedPredictionsScoreTheNumberOfClasses() {
        int classes = 10;
        int n = 1000;
        double[] p = new double[n * classes];
        for (int i = 0; i < n; i++) {
            p[i * classes + i % classes] = 1.0;
        }
        // Every split of 100 rows holds each class equally often only without the shuffle; with it,
        // the split marginals drift and the score drops below 10. One split is shuffle-free.
        assertEquals(classes, InceptionScore.compute(new FeatureMatrix(n, classes, p), 1, 0).mean(), 1e-12);
        assertTrue(InceptionScore.compute(new FeatureMatrix(n, classes, p)).mean() < classes);
    }

    @Test
    void refusesLogits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> InceptionScore.compute(new FeatureMatrix(20, 2, new double[40]), 2, 0));
        assertTrue(e.getMessage().contains("softmax"), e.getMessage());
    }
}
