package dev.aegan.gallery;

import dev.aegan.contracts.DeadLetterHeaders;
import dev.aegan.contracts.IngestHeaders;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.store.ArtifactStore;
import dev.aegan.store.S3Settings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A gallery starting on topics and a bucket that already hold a history (as after a restart)
 * shows that history (a study's report included, written again), and reuses grids rendered before instead of drawing them again: the
 * checkpoint's model objects are absent here, so any attempt to render would fail.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = GalleryRestartTest.History.class, restrictToAnnotatedClass = true)
class GalleryRestartTest {
    static final String RUN = "gallery-restart-run";
    static final String DATASET = "gallery-restart-data";
    static final int STEP = 5;
    static final byte[] SAMPLES = png(0x336699);
    static final byte[] RECONSTRUCTIONS = png(0x993366);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Written before the application starts. */
    public static class History implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = LocalInfraTestResource.sharedConfig();
            String bootstrapServers = config.get("kafka.bootstrap.servers");
            S3Settings s3 = new S3Settings() {
                public String endpoint() { return config.get("aegan.s3.endpoint"); }
                public String accessKey() { return config.get("aegan.s3.access-key"); }
                public String secretKey() { return config.get("aegan.s3.secret-key"); }
                public String region() { return "us-east-1"; }
            };
            RunSpec spec = new RunSpec(RunSpec.SCHEMA, RUN, null, "vae", DATASET, 1, STEP, 8, STEP, Map.of());
            try (ArtifactStore store = new ArtifactStore(s3);
                 TestPlatform platform = new TestPlatform(store, bootstrapServers);
                 KafkaProducer<String, byte[]> raw = new KafkaProducer<>(
                         Map.of("bootstrap.servers", bootstrapServers), new StringSerializer(),
                         new ByteArraySerializer())) {
                platform.sendEvent(Topics.RUN_EVENTS, RUN, RunEvent.of(spec, RunEvent.State.running, 0, null));
                for (int step = 1; step <= STEP; step++) {
                    platform.sendEvent(Topics.TRAINING_METRICS, RUN, new TrainingMetricEvent(TrainingMetricEvent.SCHEMA,
                            RUN, null, step, Map.of("vae/loss", 10.0 / step), 500, Instant.now()));
                }
                List<StoredObject> neverWritten = List.of(new StoredObject(
                        String.format("%s/step-%08d/training-state.json", RUN, STEP), 10, "0".repeat(64)));
                platform.sendEvent(Topics.CHECKPOINTS, RUN, new CheckpointEvent(CheckpointEvent.SCHEMA, RUN, STEP, true,
                        spec, TestPlatform.CHECKPOINT_BUCKET, neverWritten, Instant.now()));
                platform.sendEvent(Topics.RUN_EVENTS, RUN, RunEvent.of(spec, RunEvent.State.finished, STEP, null));
                platform.sendEvent(Topics.EVALUATIONS, RUN, new EvaluationEvent(EvaluationEvent.SCHEMA, RUN, null, STEP,
                        "reconstruction_psnr", 17.5, "pixels", 100, "metrics-service", Instant.now()));
                StudyFixtures.publish(platform, StudyFixtures.completed());
                store.ensureBucket("gallery");
                store.putVerified("gallery", String.format("%s/step-%08d/samples.png", RUN, STEP), SAMPLES, "image/png");
                store.putVerified("gallery", String.format("%s/step-%08d/reconstructions.png", RUN, STEP),
                        RECONSTRUCTIONS, "image/png");
                for (int i = 0; i < 2; i++) {
                    ProducerRecord<String, byte[]> rejected = new ProducerRecord<>(Topics.INGEST_DEAD_LETTER, "img-" + i,
                            new byte[] {1, 2, 3});
                    rejected.headers().add(IngestHeaders.DATASET, DATASET.getBytes(StandardCharsets.UTF_8));
                    rejected.headers().add(DeadLetterHeaders.REASON_CODE,
                            "UNDECODABLE_IMAGE".getBytes(StandardCharsets.UTF_8));
                    raw.send(rejected).get();
                }
            } catch (Exception e) {
                throw new IllegalStateException("could not write the history", e);
            }
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void rebuildsRunsMetricsCheckpointsAndRejectionsFromTheTopicsAndReusesRenderedGrids() {
        JsonPath run = TestPlatform.await("the run replayed as finished", TIMEOUT, () -> {
            var response = given().get("/api/runs/" + RUN);
            return response.statusCode() == 200 && "finished".equals(response.jsonPath().getString("state"))
                    ? response.jsonPath() : null;
        });
        assertEquals(STEP, run.getInt("step"));
        assertEquals(DATASET, run.getString("dataset"));

        TestPlatform.await("5 loss points", TIMEOUT, () -> given().get("/api/runs/" + RUN + "/metrics").jsonPath()
                .getList("series[0].steps").size() == STEP ? true : null);

        JsonPath checkpoints = TestPlatform.await("grids found in the bucket", TIMEOUT, () -> {
            JsonPath json = given().get("/api/runs/" + RUN + "/checkpoints").jsonPath();
            return "ready".equals(json.getString("[0].samples.state"))
                    && "ready".equals(json.getString("[0].reconstructions.state")) ? json : null;
        });
        assertEquals(STEP, checkpoints.getInt("[0].step"));
        // a grid kind the bucket does not hold cannot be drawn from the missing checkpoint; the others stay shown
        assertEquals("failed", checkpoints.getString("[0].interpolations.state"));
        assertArrayEquals(SAMPLES, given().get(checkpoints.getString("[0].samples.url")).then().statusCode(200)
                .extract().asByteArray());
        assertArrayEquals(RECONSTRUCTIONS, given().get(checkpoints.getString("[0].reconstructions.url")).then()
                .statusCode(200).extract().asByteArray());

        assertEquals(17.5, given().get("/api/runs/" + RUN + "/evaluations").jsonPath().getDouble("[0].value"));

        JsonPath dataset = TestPlatform.await("both rejections counted", TIMEOUT, () -> {
            JsonPath json = given().get("/api/datasets").jsonPath();
            return Integer.valueOf(2).equals(json.get("find { it.name == '" + DATASET + "' }.rejected")) ? json : null;
        });
        assertEquals(2, dataset.getInt("find { it.name == '" + DATASET + "' }.rejectedByReason.UNDECODABLE_IMAGE"));

        JsonPath study = TestPlatform.await("the study replayed and its report written", TIMEOUT, () -> {
            JsonPath json = given().get("/api/studies/" + StudyFixtures.TOY).jsonPath();
            return json.get("progress.reportKey") != null ? json : null;
        });
        assertEquals("reproduced", study.getString("report.claims[0].verdict"));
    }

    private static byte[] png(int rgb) {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
