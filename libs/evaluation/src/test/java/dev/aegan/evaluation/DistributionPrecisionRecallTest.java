package dev.aegan.evaluation;

import static dev.aegan.evaluation.ReferenceFixture.get;
import static dev.aegan.evaluation.ReferenceFixture.matrix;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * PRD against {@code evaluation_reference.py}: the histogram, PRD curve and F_beta math of the authors'
 * prd_score.py (copied there) on the same cluster labels, to 1e-12 (the sums and tangents round
 * differently, nothing else); and our k-means (k-means++ seeded with java.util.Random's draws, Lloyd's
 * iterations with float32 assignments) against a float64 numpy Lloyd on scipy's cdist from the same
 * draws, label for label (no fixture point lies within float32 rounding of two centres), on the
 * fixture's 500 generated and 500 (of 600) real features.
 */
class DistributionPrecisionRecallTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void fBetasFromTheSameClustersMatchPrdScore() {
        JsonNode reference = get("prd");
        int[][] runs = labels(reference);

        DistributionPrecisionRecall.Result result = DistributionPrecisionRecall.fromClusters(runs, 500, 20);

        assertEquals(reference.get("f8").asDouble(), result.f8(), TOLERANCE);
        assertEquals(reference.get("f1_8").asDouble(), result.f1over8(), TOLERANCE);
    }

    @Test
    void seededKMeansClustersAsTheReferenceLloyd() {
        JsonNode reference = get("prd");
        FeatureMatrix generated = matrix(get("features", "generated"));
        FeatureMatrix real = matrix(get("features", "real"));
        int[] first = IntStream.range(0, 500).toArray();
        double[] joint = new double[1000 * generated.columns()];
        System.arraycopy(generated.values(), 0, joint, 0, 500 * generated.columns());
        System.arraycopy(real.select(first).values(), 0, joint, 500 * generated.columns(), 500 * generated.columns());
        int[][] expected = labels(reference);
        try (KMeans kMeans = new KMeans(new FeatureMatrix(1000, generated.columns(), joint))) {
            for (int run = 0; run < expected.length; run++) {
                assertArrayEquals(expected[run], kMeans.cluster(20, new Random(2020 + run), 25), "run " + run);
            }
        }
    }

    @Test
    void matchesTheReferenceEndToEnd() {
        DistributionPrecisionRecall.Result result = DistributionPrecisionRecall.compute(
                matrix(get("features", "generated")), matrix(get("features", "real")), 2020);
        System.out.printf("PRD F8 %.6f F1/8 %.6f%n", result.f8(), result.f1over8());
        assertEquals(get("prd", "f8").asDouble(), result.f8(), TOLERANCE);
        assertEquals(get("prd", "f1_8").asDouble(), result.f1over8(), TOLERANCE);
        assertEquals(500, result.samplesPerSet());
    }

    @Test
    void identicalSetsScoreOne() {
        FeatureMatrix real = matrix(get("features", "real"));
        DistributionPrecisionRecall.Result result = DistributionPrecisionRecall.compute(real, real, 1);
        assertEquals(1.0, result.f8(), 1e-8);
        assertEquals(1.0, result.f1over8(), 1e-8);
    }

    private static int[][] labels(JsonNode reference) {
        JsonNode runs = reference.get("labels");
        int[][] labels = new int[runs.size()][];
        for (int r = 0; r < runs.size(); r++) {
            JsonNode run = runs.get(r);
            labels[r] = IntStream.range(0, run.size()).map(i -> run.get(i).asInt()).toArray();
        }
        return labels;
    }
}
