package dev.aegan.metrics;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.judging.testing.JudgingPlatform;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class CheckpointEvaluationTest {
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** {@code %test.aegan.metrics.reconstruction-images} in application.properties. */
    private static final int SAMPLE_COUNT = 32;
    /** The dataset is unlabelled, so only pixel metrics: MSE, PSNR, SSIM, MS-SSIM diversity, memorisation rows. */
    private static final List<String> PIXEL_METRICS = List.of("ms_ssim_diversity", "reconstruction_mse",
            "reconstruction_psnr", "reconstruction_ssim", "pixel_memorisation", "pixel_memorisation_generated_heldout",
            "pixel_memorisation_train_train", "pixel_memorisation_heldout_train");

    @Inject
    ArtifactStore store;

    /** Grey value of held-out image i: all different, none at 0.5 where the closed form's log would blow up. */
    private static int grey(int i) {
        return (i * 53 + 7) % 256;
    }

    @Test
    void judgesEachCheckpointOnTheFirstHeldOutImagesAndSkipsBrokenOnesWithoutHoldingUpTheRest() {
        String dataset = "metrics-e2e";
        RunSpec spec = JudgingPlatform.spec("metrics-run", dataset);
        try (JudgingPlatform platform = new JudgingPlatform(store)) {
            platform.publishImages(dataset, Split.TRAIN, SHAPE, new int[] {255, 255, 255});
            platform.publishImages(dataset, Split.HELDOUT, SHAPE, IntStream.range(0, 20).map(i -> grey(i)).toArray());
            platform.publishDatasetEvent(dataset, DatasetEvent.Type.created, SHAPE, 3, 20);

            platform.publishCheckpoint(spec, 1, JudgingPlatform.zeroVaeSnapshot(SHAPE, 1));
            List<EvaluationEvent> first = awaitEvaluations(platform, spec.runId(), 1);
            assertClosedForm(first, 20);

            // the dataset grows past the sample count: the next checkpoint is judged on its first 32 held-out images
            platform.publishImages(dataset, Split.HELDOUT, SHAPE, IntStream.range(20, 40).map(i -> grey(i)).toArray());
            platform.publishDatasetEvent(dataset, DatasetEvent.Type.extended, SHAPE, 3, 40);
            platform.publishCheckpoint(spec, 2, JudgingPlatform.zeroVaeSnapshot(SHAPE, 2));
            assertClosedForm(awaitEvaluations(platform, spec.runId(), 2), SAMPLE_COUNT);

            // checkpoints that can never be evaluated
            ModelSnapshot third = JudgingPlatform.zeroVaeSnapshot(SHAPE, 3);
            List<StoredObject> tampered = new ArrayList<>(platform.write(spec.runId(), 3, third));
            StoredObject original = tampered.get(0);
            tampered.set(0, new StoredObject(original.key(), original.size(), "0".repeat(64)));
            platform.sendEvent(Topics.CHECKPOINTS, spec.runId(), event(spec, 3, tampered));

            ModelSnapshot fourth = JudgingPlatform.zeroVaeSnapshot(SHAPE, 4);
            List<StoredObject> neverWritten = fourth.objects().entrySet().stream()
                    .map(o -> new StoredObject(String.format("%s/step-%08d/%s", spec.runId(), 4, o.getKey()),
                            o.getValue().length, ArtifactStore.sha256(o.getValue())))
                    .toList();
            platform.sendEvent(Topics.CHECKPOINTS, spec.runId(), event(spec, 4, neverWritten));

            RunSpec elsewhere = JudgingPlatform.spec("metrics-run-elsewhere", "no-such-dataset");
            platform.publishCheckpoint(elsewhere, 1, JudgingPlatform.zeroVaeSnapshot(SHAPE, 1));

            platform.send(Topics.CHECKPOINTS, spec.runId(), "{not a checkpoint".getBytes(StandardCharsets.UTF_8));

            // a real trained checkpoint after them is still evaluated
            platform.publishCheckpoint(spec, 5, JudgingPlatform.trainedVaeSnapshot(SHAPE, 5));
            List<EvaluationEvent> trained = awaitEvaluations(platform, spec.runId(), 5);
            double mse = value(trained, "reconstruction_mse");
            double psnr = value(trained, "reconstruction_psnr");
            assertTrue(mse > 0 && mse < 1, "MSE of [0, 1] pixels is in (0, 1): " + mse);
            // the mean of per-image PSNRs is never below the PSNR of the mean MSE (Jensen)
            assertTrue(psnr >= 10 * Math.log10(1 / mse) - 1e-9, "PSNR " + psnr + " vs MSE " + mse);
            assertTrue(trained.stream().filter(e -> e.metric().startsWith("reconstruction_"))
                    .allMatch(e -> e.sampleCount() == SAMPLE_COUNT), trained.toString());

            List<Map<String, Object>> skipped = given().get("/evaluations/skipped").then().statusCode(200)
                    .extract().as(new TypeRef<>() { });
            assertSkipped(skipped, spec.runId(), 3, "CHECKSUM_MISMATCH");
            assertSkipped(skipped, spec.runId(), 4, "MISSING_OBJECT");
            assertSkipped(skipped, elsewhere.runId(), 1, "UNKNOWN_DATASET");
            assertTrue(skipped.stream().anyMatch(s -> "MALFORMED_EVENT".equals(s.get("reason"))), skipped.toString());
            List<EvaluationEvent> onTopic = platform.evaluationsOnTopic();
            assertTrue(onTopic.stream().noneMatch(e -> e.runId().equals(elsewhere.runId())
                    || e.runId().equals(spec.runId()) && (e.step() == 3 || e.step() == 4)), onTopic.toString());

            // GET /evaluations lists what the topic holds for the run, by step and metric
            List<EvaluationEvent> listed = JudgingPlatform.await("GET /evaluations to list steps 1, 2, 5", TIMEOUT, () -> {
                List<EvaluationEvent> l = given().queryParam("runId", spec.runId()).get("/evaluations").then()
                        .statusCode(200).extract().as(new TypeRef<List<EvaluationEvent>>() { });
                return l.size() == 3 * PIXEL_METRICS.size() ? l : null;
            });
            for (long step : List.of(1L, 2L, 5L)) {
                assertEquals(PIXEL_METRICS.stream().sorted().toList(), listed.stream().filter(e -> e.step() == step)
                        .map(EvaluationEvent::metric).toList(), "metrics of step " + step);
            }
            for (EvaluationEvent e : listed) {
                assertTrue(onTopic.contains(e), e + " is on the topic");
            }

            // every handled checkpoint record is committed, so a restarted service does not evaluate them again
            long end = endOffset(platform);
            JudgingPlatform.await("the metrics-service group to commit offset " + end, TIMEOUT,
                    () -> committed(platform) == end ? true : null);
        }
    }

    @Test
    void listsOnlyThisServicesEvaluationsFromTheTopic() {
        try (JudgingPlatform platform = new JudgingPlatform(store)) {
            String runId = "metrics-listing";
            platform.sendEvent(Topics.EVALUATIONS, runId, new EvaluationEvent(EvaluationEvent.SCHEMA, runId, null, 10,
                    "reconstruction_mse", 0.02, "pixels", 1000, "metrics-service", Instant.now()));
            platform.sendEvent(Topics.EVALUATIONS, runId, new EvaluationEvent(EvaluationEvent.SCHEMA, runId, null, 10,
                    "fid", 12.5, "inception-v3", 1000, "critic-service", Instant.now()));
            List<EvaluationEvent> listed = JudgingPlatform.await("the listing of " + runId, TIMEOUT, () -> {
                List<EvaluationEvent> l = given().queryParam("runId", runId).get("/evaluations").then().statusCode(200)
                        .extract().as(new TypeRef<List<EvaluationEvent>>() { });
                return l.isEmpty() ? null : l;
            });
            assertEquals(1, listed.size());
            assertEquals("reconstruction_mse", listed.get(0).metric());
            given().queryParam("runId", "metrics-never-ran").get("/evaluations").then().statusCode(200);
            assertEquals(List.of(), given().queryParam("runId", "metrics-never-ran").get("/evaluations").then()
                    .extract().as(new TypeRef<List<EvaluationEvent>>() { }));
        }
    }

    private static CheckpointEvent event(RunSpec spec, long step, List<StoredObject> objects) {
        return new CheckpointEvent(CheckpointEvent.SCHEMA, spec.runId(), step, false, spec,
                JudgingPlatform.CHECKPOINT_BUCKET, objects, Instant.now());
    }

    /** The zero VAE reconstructs everything as 0.5: per image MSE_i = (g_i / 255 - 0.5)^2, PSNR_i = -10 log10 MSE_i. */
    private static void assertClosedForm(List<EvaluationEvent> events, int n) {
        double mse = IntStream.range(0, n).mapToDouble(i -> Math.pow(grey(i) / 255.0 - 0.5, 2)).average().orElseThrow();
        double psnr = IntStream.range(0, n).mapToDouble(i -> -10 * Math.log10(Math.pow(grey(i) / 255.0 - 0.5, 2)))
                .average().orElseThrow();
        assertEquals(mse, value(events, "reconstruction_mse"), 1e-12);
        assertEquals(psnr, value(events, "reconstruction_psnr"), 1e-9);
        for (EvaluationEvent e : events) {
            assertEquals(EvaluationEvent.SCHEMA, e.schema());
            assertEquals("pixels", e.extractor());
            assertEquals("metrics-service", e.producer());
            if (e.metric().startsWith("reconstruction_")) {
                assertEquals(n, e.sampleCount(), e.metric());
            }
        }
    }

    private static double value(List<EvaluationEvent> events, String metric) {
        return events.stream().filter(e -> e.metric().equals(metric)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " in " + events)).value();
    }

    private static List<EvaluationEvent> awaitEvaluations(JudgingPlatform platform, String runId, long step) {
        return JudgingPlatform.await("evaluations of " + runId + "@" + step, TIMEOUT, () -> {
            List<EvaluationEvent> events = platform.evaluationsOnTopic().stream()
                    .filter(e -> e.runId().equals(runId) && e.step() == step).toList();
            return events.size() >= PIXEL_METRICS.size() ? events : null;
        });
    }

    private static void assertSkipped(List<Map<String, Object>> skipped, String runId, long step, String reason) {
        assertTrue(skipped.stream().anyMatch(s -> runId.equals(s.get("runId"))
                && ((Number) s.get("step")).longValue() == step && reason.equals(s.get("reason"))),
                runId + "@" + step + " skipped as " + reason + " in " + skipped);
    }

    private static long endOffset(JudgingPlatform platform) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            TopicPartition partition = new TopicPartition(Topics.CHECKPOINTS, 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static long committed(JudgingPlatform platform) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", platform.bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("metrics-service").partitionsToOffsetAndMetadata()
                    .get().get(new TopicPartition(Topics.CHECKPOINTS, 0));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A run id no run can have is refused with its code before it reaches the store. */
    @Test
    void aRunIdThatIsNoKeySegmentIsRefusedWith400() {
        given().urlEncodingEnabled(false).get("/memorisation/..%2F..%2Fx/1").then().statusCode(400)
                .body("code", equalTo("INVALID_RUN_ID"))
                .body("message", containsString("runId '../../x' is not a valid run id"));
        given().queryParam("runId", "../x").get("/evaluations").then().statusCode(400)
                .body("code", equalTo("INVALID_RUN_ID"));
        given().get("/memorisation/{runId}/1", "<b>x</b>").then().statusCode(400)
                .body("code", equalTo("INVALID_RUN_ID"));
    }
}
