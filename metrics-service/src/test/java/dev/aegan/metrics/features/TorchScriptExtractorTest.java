package dev.aegan.metrics.features;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.judging.testing.JudgingPlatform;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.common.mapper.TypeRef;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user-supplied TorchScript extractor ({@code src/test/python/tiny_feature_net.py}: RGB 32 x 32
 * in [0, 1], features and logits) configured by name: the grayscale 28 x 28 images are adapted to
 * it, and every feature metric is published with its name. The dataset is unlabelled, so no
 * classifier takes part. A configured LPIPS network adds {@code lpips_reconstruction}.
 */
@QuarkusTest
@TestProfile(TorchScriptExtractorTest.WithTinyNetwork.class)
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class TorchScriptExtractorTest {
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);
    private static final String NAME = "tiny-net";
    /** The evaluation library's tiny LPIPS-shaped fixture network ({@code tiny_lpips_net.py} there). */
    private static final String LPIPS_NETWORK = "../libs/evaluation/src/test/resources/dev/aegan/evaluation/features/tiny-lpips.pt";
    private static final List<String> FEATURE_METRICS = List.of("fid", "kid_mean", "kid_std", "inception_score_mean",
            "inception_score_std", "class_coverage", "precision", "recall", "prd_f8", "prd_f1_8", "density", "coverage",
            "perceptual_distance", "rec_fid", "feature_memorisation", "feature_memorisation_generated_heldout",
            "feature_memorisation_train_train", "feature_memorisation_heldout_train", "classifier_confidence");

    public static class WithTinyNetwork implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String prefix = "aegan.metrics.torchscript.\"" + NAME + "\".";
            return Map.of(prefix + "path", "src/test/resources/dev/aegan/metrics/features/tiny-feature-net.pt",
                    prefix + "input-size", "32",
                    prefix + "input-channels", "3",
                    prefix + "input-range", "zero-to-one",
                    "aegan.metrics.lpips.path", LPIPS_NETWORK,
                    "aegan.metrics.lpips.input-channels", "3");
        }
    }

    @Inject
    ArtifactStore store;

    @Test
    void publishesEveryFeatureMetricUnderTheNetworksName() {
        String dataset = "torchscript-greys";
        RunSpec spec = JudgingPlatform.spec("metrics-torchscript", dataset);
        ModelSnapshot snapshot = JudgingPlatform.trainedVaeSnapshot(SHAPE, 4);
        try (JudgingPlatform platform = new JudgingPlatform(store)) {
            platform.publishImages(dataset, Split.TRAIN, SHAPE, IntStream.range(0, 50).map(i -> i * 5).toArray());
            platform.publishImages(dataset, Split.HELDOUT, SHAPE, IntStream.range(0, 40).map(i -> (i * 53 + 7) % 256)
                    .toArray());
            platform.publishDatasetEvent(dataset, DatasetEvent.Type.created, SHAPE, 50, 40);
            platform.publishCheckpoint(spec, 4, snapshot);
            int expectedCount = 9 + FEATURE_METRICS.size();
            List<EvaluationEvent> events = JudgingPlatform.await("evaluations of the TorchScript run",
                    Duration.ofMinutes(3), () -> {
                        List<EvaluationEvent> e = platform.evaluationsOnTopic().stream()
                                .filter(x -> x.runId().equals(spec.runId())).toList();
                        return e.size() >= expectedCount ? e : null;
                    });
            Set<String> expected = Stream.concat(Stream.of("reconstruction_mse", "reconstruction_psnr",
                    "reconstruction_ssim", "ms_ssim_diversity", "pixel_memorisation", "pixel_memorisation_generated_heldout",
                    "pixel_memorisation_train_train", "pixel_memorisation_heldout_train", "lpips_reconstruction"),
                    FEATURE_METRICS.stream().map(m -> m + "@" + NAME)).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, events.stream().map(EvaluationEvent::metric)
                    .collect(Collectors.toCollection(TreeSet::new)));
            EvaluationEvent lpips = events.stream().filter(e -> e.metric().equals("lpips_reconstruction")).findFirst()
                    .orElseThrow();
            assertEquals("lpips", lpips.extractor());
            assertTrue(lpips.value() > 0 && Double.isFinite(lpips.value()), lpips.toString());
            for (EvaluationEvent e : events.stream().filter(x -> x.metric().contains("@")).toList()) {
                assertEquals(NAME, e.extractor());
                assertTrue(Double.isFinite(e.value()), e.toString());
            }
            // 4 classes: the Inception-style score lies in [1, 4]
            double is = events.stream().filter(e -> e.metric().equals("inception_score_mean@" + NAME)).findFirst()
                    .orElseThrow().value();
            assertTrue(is >= 1 && is <= 4, "IS " + is);

            List<Map<String, Object>> extractors = given().get("/extractors").then().statusCode(200).extract()
                    .as(new TypeRef<>() { });
            Map<String, Object> tiny = extractors.stream().filter(x -> NAME.equals(x.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + NAME + " in " + extractors));
            assertEquals("TORCHSCRIPT", tiny.get("kind"));
            assertEquals(16, tiny.get("featureDimension"));
        }
    }
}
