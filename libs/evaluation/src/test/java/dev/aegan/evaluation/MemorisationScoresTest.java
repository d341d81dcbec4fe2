package dev.aegan.evaluation;

import static dev.aegan.evaluation.ReferenceFixture.get;
import static dev.aegan.evaluation.ReferenceFixture.images;
import static dev.aegan.evaluation.ReferenceFixture.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * FlexAE's PMS and IMS and the nearest training neighbours against scipy's cdist on the same pixels
 * and features. Tolerance 1e-10 relative on scores and distances (observed ~1e-15); neighbour
 * indices exactly. Training image 59 of the fixture is a copy of generated image 3, a memorised
 * sample: its nearest neighbour is that copy, at distance 0.
 */
class MemorisationScoresTest {

    @Test
    void scoresMatchTheReference() {
        JsonNode reference = get("memorisation");
        double pms = MemorisationScores.pixelScore(images(reference.get("generated_images")),
                images(reference.get("training_images")));
        double ims = MemorisationScores.featureScore(matrix(get("features", "generated")),
                matrix(get("features", "training")));
        System.out.printf("PMS %.12g IMS %.12g%n", pms, ims);
        assertEquals(reference.get("pms").asDouble(), pms, 1e-10 * pms);
        assertEquals(reference.get("ims").asDouble(), ims, 1e-10 * ims);
    }

    /** FlexAE Table 4's train-train row, leave-one-out: each query's own copy in the set is not its match. */
    @Test
    void scoresAgainstTheirOwnSetWithoutSelfMatchMatchTheReference() {
        JsonNode reference = get("memorisation");
        JsonNode pixels = reference.get("pms_without_self");
        JsonNode features = reference.get("ims_without_self");
        double pms = MemorisationScores.pixelScoreWithoutSelf(images(reference.get("training_images")),
                pixels.get("queries").asInt());
        double ims = MemorisationScores.featureScoreWithoutSelf(matrix(get("features", "training")),
                features.get("queries").asInt());
        assertEquals(pixels.get("value").asDouble(), pms, 1e-10 * pms);
        assertEquals(features.get("value").asDouble(), ims, 1e-10 * ims);
    }

    @Test
    void nearestNeighboursMatchTheReferenceInPixelAndFeatureSpace() {
        JsonNode reference = get("memorisation");
        int[] queries = new int[reference.get("queries").size()];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = reference.get("queries").get(q).asInt();
        }
        int count = reference.get("neighbours").asInt();
        FeatureMatrix generatedPixels = images(reference.get("generated_images")).asFeatures();
        FeatureMatrix trainingPixels = images(reference.get("training_images")).asFeatures();
        assertNeighbours(reference.get("pixel_neighbours"),
                MemorisationScores.nearestNeighbours(generatedPixels.select(queries), trainingPixels, count));
        assertNeighbours(reference.get("feature_neighbours"), MemorisationScores.nearestNeighbours(
                matrix(get("features", "generated")).select(queries), matrix(get("features", "training")), count));
        assertEquals(new MemorisationScores.Neighbour(59, 0.0),
                MemorisationScores.nearestNeighbours(generatedPixels.select(new int[] {3}), trainingPixels, 1).get(0)
                        .get(0));
    }

    private static void assertNeighbours(JsonNode expected, List<List<MemorisationScores.Neighbour>> actual) {
        assertEquals(expected.size(), actual.size());
        for (int q = 0; q < actual.size(); q++) {
            for (int k = 0; k < actual.get(q).size(); k++) {
                MemorisationScores.Neighbour n = actual.get(q).get(k);
                JsonNode e = expected.get(q).get(k);
                assertEquals(e.get(0).asInt(), n.index(), "query " + q + " neighbour " + k);
                assertEquals(e.get(1).asDouble(), n.distance(), 1e-10 * Math.max(1, n.distance()));
            }
        }
    }
}
