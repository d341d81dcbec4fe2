package dev.aegan.evaluation.metrics;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.evaluation.datasets.FashionMnist;
import dev.aegan.evaluation.features.ClassifierTrainer;
import dev.aegan.evaluation.features.ClassifierTraining;
import dev.aegan.evaluation.features.DatasetClassifier;
import dev.aegan.evaluation.features.FeatureExtraction;
import dev.aegan.evaluation.images.Images;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sanity check on real data: held-out Fashion-MNIST against other training images
 * must score better than held-out against uniform noise, Gaussian-blurred training images and a
 * single class of training images, on every metric that can tell that set apart, in the space of
 * the dataset's own classifier (trained here with a small budget) and in pixel space (MS-SSIM).
 */
class MetricOrderingTest {
    private static final int SET = 1000;
    private static final String EXTRACTOR = "fashion-mnist-classifier";

    private static DatasetClassifier classifier;
    private static Map<String, Map<String, Double>> scores;
    private static double heldOutDiversity;

    @BeforeAll
    static void scoreEveryCandidateSet() {
        DatasetImages training = FashionMnist.training("fashion-mnist", Split.TRAIN, 0, 6000);
        DatasetImages heldOut = FashionMnist.test("fashion-mnist", Split.HELDOUT, SET);
        classifier = ClassifierTrainer.train(EXTRACTOR, training, heldOut, new ClassifierTraining(400, 64, 1e-3, 7), 250)
                .classifier();
        FeatureExtraction extraction = new FeatureExtraction(250);
        EvaluationSettings settings = EvaluationSettings.builder().kidSubsets(20).kidSubsetSize(500)
                .diversityPairs(1000).build();
        List<FeatureMetric> generationMetrics = MetricRegistry.metrics(settings, Optional.empty()).stream()
                .filter(m -> m instanceof FeatureMetric && m.reference().stage() == Reference.Stage.GENERATION)
                .map(FeatureMetric.class::cast)
                .toList();
        MsSsimDiversityMetric diversity = new MsSsimDiversityMetric(settings.diversityPairs());
        HeldOutReference reference = HeldOutReference.of(
                extraction.extract(classifier, Images.fromDataset(heldOut)).features());
        heldOutDiversity = diversity(diversity, Images.fromDataset(heldOut));

        Images otherTraining = Images.fromDataset(FashionMnist.training("fashion-mnist", Split.TRAIN, 6000, SET));
        Map<String, Images> candidates = new LinkedHashMap<>();
        candidates.put("training", otherTraining);
        candidates.put("noise", uniformNoise(otherTraining));
        candidates.put("blurred", blurred(otherTraining, 2.0));
        candidates.put("single-mode", singleClass(0));
        scores = new LinkedHashMap<>();
        candidates.forEach((name, images) -> {
            Map<String, Double> values = new LinkedHashMap<>();
            FeatureInputs space = new FeatureInputs(EXTRACTOR, reference, extraction.extract(classifier, images), null,
                    null, null, null, null);
            for (FeatureMetric metric : generationMetrics) {
                for (MetricValue v : metric.compute(space)) {
                    values.put(v.metric().substring(0, v.metric().indexOf('@')), v.value());
                }
            }
            values.put(MetricNames.MS_SSIM_DIVERSITY, diversity(diversity, images));
            scores.put(name, values);
        });
    }

    private static double diversity(MsSsimDiversityMetric metric, Images images) {
        return metric.compute(new PixelInputs(images, null, null, null, null)).get(0).value();
    }

    @AfterAll
    static void close() {
        classifier.close();
    }

    @Test
    void frechetAndKernelDistancesAreSmallestForTrainingImages() {
        for (String other : List.of("noise", "blurred", "single-mode")) {
            assertBetter(MetricNames.FID, other, true);
            assertBetter(MetricNames.KID_MEAN, other, true);
        }
    }

    @Test
    void inceptionScoreIsHighestForTrainingImages() {
        for (String other : List.of("noise", "blurred", "single-mode")) {
            assertBetter(MetricNames.INCEPTION_SCORE_MEAN, other, false);
        }
    }

    @Test
    void theClassifierIsSurestOfTrainingImages() {
        for (String other : List.of("noise", "blurred")) {
            assertBetter(MetricNames.CLASSIFIER_CONFIDENCE, other, false);
        }
    }

    @Test
    void noiseAndBlurFallOutsideTheHeldOutManifold() {
        for (String other : List.of("noise", "blurred")) {
            assertBetter(MetricNames.PRECISION, other, false);
            assertBetter(MetricNames.DENSITY, other, false);
        }
    }

    @Test
    void aSingleModeCoversLittleOfTheHeldOutManifold() {
        assertBetter(MetricNames.RECALL, "single-mode", false);
        assertBetter(MetricNames.COVERAGE, "single-mode", false);
    }

    @Test
    void aSingleModeHitsFewerClassesThanTrainingImages() {
        assertBetter(MetricNames.CLASS_COVERAGE, "single-mode", false);
        assertTrue(scores.get("single-mode").get(MetricNames.CLASS_COVERAGE) <= 0.2,
                "a single class of images hits at most two of ten: " + scores.get("single-mode"));
    }

    /** alpha-GAN reads MS-SSIM diversity against the data's own: the nearer the held-out value, the better. */
    @Test
    void diversityIsNearestTheHeldOutDiversityForTrainingImages() {
        double training = Math.abs(scores.get("training").get(MetricNames.MS_SSIM_DIVERSITY) - heldOutDiversity);
        for (String other : List.of("noise", "blurred", "single-mode")) {
            double distance = Math.abs(scores.get(other).get(MetricNames.MS_SSIM_DIVERSITY) - heldOutDiversity);
            assertTrue(training < distance, "MS-SSIM diversity: training is " + training + " from held-out "
                    + heldOutDiversity + ", " + other + " " + distance + "; all scores " + scores);
        }
    }

    private static void assertBetter(String metric, String other, boolean lowerIsBetter) {
        double training = scores.get("training").get(metric);
        double worse = scores.get(other).get(metric);
        assertTrue(lowerIsBetter ? training < worse : training > worse,
                metric + ": training " + training + " vs " + other + " " + worse + "; all scores " + scores);
    }

    private static Images uniformNoise(Images like) {
        Random random = new Random(11);
        float[] values = new float[like.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat() * 2 - 1;
        }
        return new Images(like.shape(), like.count(), values);
    }

    /** Separable Gaussian blur per image, edges clamped. */
    private static Images blurred(Images images, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        double[] kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int t = -radius; t <= radius; t++) {
            kernel[t + radius] = Math.exp(-t * t / (2 * sigma * sigma));
            sum += kernel[t + radius];
        }
        for (int t = 0; t < kernel.length; t++) {
            kernel[t] /= sum;
        }
        int h = images.shape().height();
        int w = images.shape().width();
        float[] out = new float[images.values().length];
        float[] rows = new float[h * w];
        for (int plane = 0; plane < images.count() * images.shape().channels(); plane++) {
            int base = plane * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0;
                    for (int t = -radius; t <= radius; t++) {
                        v += kernel[t + radius] * images.values()[base + y * w + Math.min(w - 1, Math.max(0, x + t))];
                    }
                    rows[y * w + x] = (float) v;
                }
            }
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 0;
                    for (int t = -radius; t <= radius; t++) {
                        v += kernel[t + radius] * rows[Math.min(h - 1, Math.max(0, y + t)) * w + x];
                    }
                    out[base + y * w + x] = (float) v;
                }
            }
        }
        return new Images(images.shape(), images.count(), out);
    }

    /** {@value #SET} training images of one class (after the first 7,000, which the other sets use). */
    private static Images singleClass(int label) {
        DatasetImages pool = FashionMnist.training("fashion-mnist", Split.TRAIN, 7000, 20 * SET);
        int[] rows = IntStream.range(0, pool.count()).filter(i -> pool.labels()[i] == label).limit(SET).toArray();
        assertTrue(rows.length == SET, "only " + rows.length + " images of class " + label);
        return Images.fromDataset(pool).select(rows);
    }
}
