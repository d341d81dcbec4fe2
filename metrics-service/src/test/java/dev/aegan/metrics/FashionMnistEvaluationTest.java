package dev.aegan.metrics;

import dev.aegan.contracts.Split;
import dev.aegan.evaluation.datasets.FashionMnist;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.infra.RecordPublisher;
import dev.aegan.judging.testing.JudgingPlatform;
import dev.aegan.metrics.store.MetricsStore;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A labelled dataset (the first 6,000 Fashion-MNIST training and 1,000 test images) on the
 * broker, then two checkpoints of a VAE: the first trains the dataset's classifier and caches it
 * and the held-out reference in S3; the second reuses them. Every registered metric is
 * published, finite, with the extractor its name says.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class FashionMnistEvaluationTest {
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String DATASET = "fashion-mnist-metrics";
    private static final String CLASSIFIER = DATASET + "-classifier";
    /** What a 500-step classifier (%test.aegan.metrics.classifier.steps) reaches on Fashion-MNIST at least. */
    private static final double ACCURACY_BOUND = 0.80;
    private static final List<String> PIXEL_METRICS = List.of("reconstruction_mse", "reconstruction_psnr",
            "reconstruction_ssim", "ms_ssim_diversity", "pixel_memorisation", "pixel_memorisation_generated_heldout",
            "pixel_memorisation_train_train", "pixel_memorisation_heldout_train");
    private static final List<String> FEATURE_METRICS = List.of("fid", "kid_mean", "kid_std", "inception_score_mean",
            "inception_score_std", "class_coverage", "precision", "recall", "prd_f8", "prd_f1_8", "density", "coverage",
            "perceptual_distance", "rec_fid", "feature_memorisation", "feature_memorisation_generated_heldout",
            "feature_memorisation_train_train", "feature_memorisation_heldout_train", "classifier_confidence");

    @Inject
    ArtifactStore store;

    @Test
    void judgesWithTheDatasetsOwnClassifierTrainedOnceAndCachedInS3() {
        RunSpec spec = JudgingPlatform.spec("metrics-fashion", DATASET);
        // built before the service trains its classifier: DJL allows one open GradientCollector per JVM
        ModelSnapshot first = JudgingPlatform.trainedVaeSnapshot(SHAPE, 3);
        ModelSnapshot second = JudgingPlatform.trainedVaeSnapshot(SHAPE, 6);
        try (JudgingPlatform platform = new JudgingPlatform(store);
             RecordPublisher records = new RecordPublisher(platform.bootstrapServers())) {
            publish(records, FashionMnist.training(DATASET, Split.TRAIN, 0, 6000));
            publish(records, FashionMnist.test(DATASET, Split.HELDOUT, 1000));
            platform.publishDatasetEvent(DATASET, DatasetEvent.Type.created, SHAPE, 6000, 1000);

            platform.publishCheckpoint(spec, 3, first);
            List<EvaluationEvent> evaluations = awaitEvaluations(platform, spec.runId(), 3);
            Set<String> expected = Stream.concat(
                    Stream.concat(PIXEL_METRICS.stream(), FEATURE_METRICS.stream().map(m -> m + "@" + CLASSIFIER)),
                    Stream.of("classifier_accuracy")).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, evaluations.stream().map(EvaluationEvent::metric)
                    .collect(Collectors.toCollection(TreeSet::new)));
            for (EvaluationEvent e : evaluations) {
                assertTrue(Double.isFinite(e.value()), e.toString());
                String extractor = e.metric().contains("@") ? e.metric().substring(e.metric().indexOf('@') + 1)
                        : e.metric().equals("classifier_accuracy") ? CLASSIFIER : "pixels";
                assertEquals(extractor, e.extractor(), e.toString());
                assertTrue(e.sampleCount() > 0, e.toString());
            }
            assertEquals(300, sampleCount(evaluations, "fid@" + CLASSIFIER));
            assertEquals(32, sampleCount(evaluations, "reconstruction_ssim"));
            double accuracy = value(evaluations, "classifier_accuracy");
            assertTrue(accuracy > ACCURACY_BOUND, "held-out accuracy " + accuracy);
            assertEquals(1000, sampleCount(evaluations, "classifier_accuracy"));

            // the classifier, the held-out reference and the training features are in S3
            String bucket = "metrics";
            assertTrue(store.exists(bucket, MetricsStore.classifierPrefix(DATASET) + "classifier.json"));
            assertTrue(store.exists(bucket, MetricsStore.classifierPrefix(DATASET) + "classifier.params"));
            List<String> cached = store.list(bucket, "features/" + DATASET + "/" + CLASSIFIER + "/");
            assertTrue(cached.stream().anyMatch(k -> k.endsWith("/heldout-300.features")), cached.toString());
            assertTrue(cached.stream().anyMatch(k -> k.endsWith("/heldout-300.statistics")), cached.toString());
            assertTrue(cached.stream().anyMatch(k -> k.endsWith("/train-2000.features")), cached.toString());

            // the gallery's nearest neighbours: 8 samples x 5 training images, in pixels and in the classifier's space
            Map<String, Object> neighbours = given().get("/memorisation/{run}/{step}", spec.runId(), 3).then()
                    .statusCode(200).extract().as(new TypeRef<>() { });
            List<Map<String, Object>> spaces = cast(neighbours.get("spaces"));
            assertEquals(List.of("pixels", CLASSIFIER), spaces.stream().map(s -> s.get("space")).toList());
            for (Map<String, Object> space : spaces) {
                List<Map<String, Object>> queries = cast(space.get("queries"));
                assertEquals(8, queries.size());
                assertTrue(queries.stream().allMatch(q -> ((List<?>) q.get("neighbours")).size() == 5));
            }
            given().get("/memorisation/{run}/{step}", spec.runId(), 99).then().statusCode(404)
                    .body("code", equalTo("NEIGHBOURS_NOT_FOUND"));

            // the second checkpoint reuses the classifier: still one training, same card
            platform.publishCheckpoint(spec, 6, second);
            List<EvaluationEvent> later = awaitEvaluations(platform, spec.runId(), 6);
            assertEquals(expected.size(), later.size());
            assertEquals(accuracy, value(later, "classifier_accuracy"));
            String trainings = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertTrue(trainings.lines().anyMatch(l -> l.startsWith("aegan_metrics_classifier_trainings_total")
                    && l.contains("dataset=\"" + DATASET + "\"") && l.endsWith(" 1.0")), trainings.lines()
                    .filter(l -> l.contains("classifier_trainings")).toList().toString());
            List<Map<String, Object>> extractors = given().get("/extractors").then().statusCode(200).extract()
                    .as(new TypeRef<>() { });
            Map<String, Object> classifier = extractors.stream().filter(x -> CLASSIFIER.equals(x.get("name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + CLASSIFIER + " in " + extractors));
            assertEquals("CLASSIFIER", classifier.get("kind"));
            assertEquals(128, classifier.get("featureDimension"));
            assertEquals(accuracy, ((Number) classifier.get("heldOutAccuracy")).doubleValue());
            assertEquals(500, classifier.get("trainingSteps"));
        }
    }

    private static void publish(RecordPublisher records, DatasetImages images) {
        int perImage = images.imageSize();
        for (int from = 0; from < images.count(); from += 256) {
            int n = Math.min(256, images.count() - from);
            int[] labels = new int[n];
            System.arraycopy(images.labels(), from, labels, 0, n);
            records.publishBatch(new ImageBatch(images.dataset(), images.split(), 1, 28, 28,
                    images.pixelsOf(from, n), labels));
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> cast(Object list) {
        return (List<Map<String, Object>>) list;
    }

    private static double value(List<EvaluationEvent> events, String metric) {
        return events.stream().filter(e -> e.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " in " + events)).value();
    }

    private static long sampleCount(List<EvaluationEvent> events, String metric) {
        return events.stream().filter(e -> e.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " in " + events)).sampleCount();
    }

    private static List<EvaluationEvent> awaitEvaluations(JudgingPlatform platform, String runId, long step) {
        return JudgingPlatform.await("evaluations of " + runId + "@" + step, TIMEOUT, () -> {
            List<EvaluationEvent> events = platform.evaluationsOnTopic().stream()
                    .filter(e -> e.runId().equals(runId) && e.step() == step).toList();
            return events.size() >= PIXEL_METRICS.size() + FEATURE_METRICS.size() + 1 ? events : null;
        });
    }
}
