package dev.aegan.evaluation.metrics;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.features.ExtractorKind;
import dev.aegan.evaluation.features.FeatureExtraction;
import dev.aegan.evaluation.features.FeatureExtractor;
import dev.aegan.evaluation.images.Images;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.registry.ModelRegistry;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The evaluation runs every registered metric of an untrained VAE (an encoder, so reconstructions)
 * with training images, in pixel space and in one extractor's space: each metric publishes the
 * names it declares, in the registry's order, stage by stage.
 */
class ModelEvaluatorTest {
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);
    private static final String EXTRACTOR = "thirds";

    @Test
    void publishesEveryRegisteredMetricInRegistryOrderStageByStage() {
        EvaluationSettings settings = EvaluationSettings.builder().generationSamples(20).batchSize(8).kidSubsets(2)
                .kidSubsetSize(5).diversityPairs(5).memorisationSamples(6).neighbourQueries(2).neighboursPerQuery(2)
                .build();
        ModelEvaluator evaluator = new ModelEvaluator(settings);
        DatasetImages heldOut = randomImages(Split.HELDOUT, 12, 1);
        Images training = Images.fromDataset(randomImages(Split.TRAIN, 10, 2));
        FeatureExtraction extraction = evaluator.extraction();
        try (FeatureExtractor thirds = new Thirds();
             GenerativeModel model = ModelRegistry.family("vae").create(SHAPE, Map.of("latentDim", 8), Device.cpu())) {
            model.initialize(1);
            HeldOutReference heldOutReference = HeldOutReference.of(
                    extraction.extract(thirds, Images.fromDataset(heldOut)).features());
            FeatureMatrix trainingFeatures = extraction.extract(thirds, training).features();
            ExtractorReference reference = new ExtractorReference(thirds, heldOutReference,
                    ReconstructedOriginals.firstOf(heldOutReference, heldOut.count()), trainingFeatures,
                    MemorisationBaseline.inFeatures(trainingFeatures, heldOutReference.features(), 6));

            Evaluation evaluation = evaluator.evaluate(model, heldOut,
                    PixelMemorisationReference.of(training, Images.fromDataset(heldOut), 6), List.of(reference));

            List<String> declared = new ArrayList<>();
            for (Reference.Stage stage : Reference.Stage.values()) {
                for (Metric metric : MetricRegistry.metrics(settings, Optional.empty())) {
                    if (metric.reference().stage() == stage) {
                        metric.names().forEach(name -> declared.add(metric instanceof FeatureMetric
                                ? MetricNames.of(name, EXTRACTOR) : name));
                    }
                }
            }
            assertEquals(declared, evaluation.metrics().stream().map(MetricValue::metric).toList());
            assertEquals(List.of("fid@thirds", "kid_mean@thirds", "kid_std@thirds", "inception_score_mean@thirds",
                    "inception_score_std@thirds", "class_coverage@thirds", "classifier_confidence@thirds", "precision@thirds",
                    "recall@thirds", "density@thirds", "coverage@thirds", "prd_f8@thirds", "prd_f1_8@thirds", "ms_ssim_diversity", "reconstruction_mse",
                    "reconstruction_psnr",
                    "reconstruction_ssim", "perceptual_distance@thirds", "rec_fid@thirds", "pixel_memorisation",
                    "pixel_memorisation_generated_heldout", "pixel_memorisation_train_train",
                    "pixel_memorisation_heldout_train", "feature_memorisation@thirds",
                    "feature_memorisation_generated_heldout@thirds", "feature_memorisation_train_train@thirds",
                    "feature_memorisation_heldout_train@thirds"), declared);
            assertEquals(List.of(ModelEvaluator.SAMPLING, ModelEvaluator.FEATURE_EXTRACTION, "generation metrics",
                    "reconstruction metrics", "memorisation"), List.copyOf(evaluation.timings().seconds().keySet()));
            assertEquals(List.of(MetricNames.PIXELS, EXTRACTOR),
                    evaluation.neighbours().stream().map(NearestNeighbours.Space::space).toList());
        }
    }

    private static DatasetImages randomImages(Split split, int count, long seed) {
        byte[] pixels = new byte[count * SHAPE.pixelsPerImage()];
        new Random(seed).nextBytes(pixels);
        return new DatasetImages("random", split, 1, 28, 28, pixels, new int[count]);
    }

    /** Features: the mean of each third of an image's pixels; class probabilities: a softmax of the first two. */
    private static final class Thirds implements FeatureExtractor {

        @Override
        public BatchFeatures extract(NDArray images) {
            int n = Math.toIntExact(images.getShape().get(0));
            float[] values = images.toFloatArray();
            int size = values.length / n;
            float[] features = new float[3 * n];
            float[] probabilities = new float[2 * n];
            for (int i = 0; i < n; i++) {
                for (int p = 0; p < size; p++) {
                    features[3 * i + p * 3 / size] += values[i * size + p] / (size / 3f);
                }
                double a = Math.exp(features[3 * i]);
                double b = Math.exp(features[3 * i + 1]);
                probabilities[2 * i] = (float) (a / (a + b));
                probabilities[2 * i + 1] = (float) (b / (a + b));
            }
            return new BatchFeatures(features, probabilities);
        }

        @Override
        public String name() {
            return EXTRACTOR;
        }

        @Override
        public ExtractorKind kind() {
            return ExtractorKind.TORCHSCRIPT;
        }

        @Override
        public String fingerprint() {
            return "thirds";
        }

        @Override
        public OptionalInt featureDimension() {
            return OptionalInt.of(3);
        }

        @Override
        public void close() {
        }
    }
}
