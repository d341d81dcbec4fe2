package dev.aegan.evaluation;

import static dev.aegan.evaluation.ReferenceFixture.get;
import static dev.aegan.evaluation.ReferenceFixture.images;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * SSIM and MS-SSIM against pytorch-msssim's code (torch conv2d, float64; MS-SSIM with our 3-scale,
 * 7-tap configuration) on grayscale 28 x 28, RGB 32 x 32 and odd-sized 25 x 27 pairs, and sample
 * diversity on the same random pairs. Tolerance 1e-10 absolute on scores in [-1, 1] (observed
 * ~1e-15: the filters only sum in another order).
 */
class StructuralSimilarityTest {

    private static final double TOLERANCE = 1e-10;

    @Test
    void matchesPytorchMsssimPairByPair() {
        double worst = 0;
        for (JsonNode c : get("ssim", "cases")) {
            UnitIntervalImages x = images(c.get("x"));
            UnitIntervalImages y = images(c.get("y"));
            for (int i = 0; i < x.count(); i++) {
                double ssim = StructuralSimilarity.ssim(x, i, y, i);
                double msSsim = StructuralSimilarity.msSsim(x, i, y, i);
                String where = c.get("name").asText() + " pair " + i;
                assertEquals(c.get("ssim").get(i).asDouble(), ssim, TOLERANCE, where + " SSIM");
                assertEquals(c.get("ms_ssim").get(i).asDouble(), msSsim, TOLERANCE, where + " MS-SSIM");
                worst = Math.max(worst, Math.max(Math.abs(c.get("ssim").get(i).asDouble() - ssim),
                        Math.abs(c.get("ms_ssim").get(i).asDouble() - msSsim)));
            }
        }
        System.out.printf("SSIM / MS-SSIM: largest difference to pytorch-msssim %.2g%n", worst);
    }

    @Test
    void anImageIsFullySimilarToItself() {
        for (JsonNode c : get("ssim", "cases")) {
            UnitIntervalImages x = images(c.get("x"));
            assertEquals(1.0, StructuralSimilarity.ssim(x, 0, x, 0), 1e-12);
            assertEquals(1.0, StructuralSimilarity.msSsim(x, 0, x, 0), 1e-12);
        }
    }

    @Test
    void diversityMatchesTheReferenceOnTheSamePairs() {
        JsonNode reference = get("diversity");
        ScoreWithSpread diversity = StructuralSimilarity.sampleDiversity(
                images(get("memorisation", "generated_images")), reference.get("pairs").asInt(),
                reference.get("seed").asLong());
        assertEquals(reference.get("mean").asDouble(), diversity.mean(), TOLERANCE);
        assertEquals(reference.get("std").asDouble(), diversity.std(), TOLERANCE);
    }

    @Test
    void meanSsimAveragesOriginalAgainstReconstruction() {
        JsonNode c = get("ssim", "cases").get(0);
        ScoreWithSpread mean = StructuralSimilarity.meanSsim(images(c.get("x")), images(c.get("y")));
        double sum = 0;
        for (JsonNode v : c.get("ssim")) {
            sum += v.asDouble();
        }
        assertEquals(sum / c.get("ssim").size(), mean.mean(), TOLERANCE);
    }

    @Test
    void refusesImagesTooSmallForTheWindows() {
        UnitIntervalImages tiny = new UnitIntervalImages(2, 1, 24, 24, new float[2 * 24 * 24]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StructuralSimilarity.msSsim(tiny, 0, tiny, 1));
        assertTrue(e.getMessage().contains("larger than 24 x 24"), e.getMessage());
    }
}
