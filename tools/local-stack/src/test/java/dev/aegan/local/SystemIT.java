package dev.aegan.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.infra.EmbeddedS3;
import dev.aegan.store.ArtifactStore;
import dev.aegan.store.S3Settings;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The system as a user meets it: every service as its own process on a real Kafka broker and a
 * real S3 server, driven over REST and watched through Kafka, S3 and a real browser. The broker
 * requires SCRAM and enforces the platform's ACLs, and each service gets only its own principal's
 * {@code KAFKA_*} settings in its environment, as a container does: the whole chain works with no
 * more than each principal is granted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SystemIT {
    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final String DATASET = "fashion-sample";
    private static final int IMAGES = 1500;

    private static LocalStack stack;
    private static ArtifactStore store;

    @BeforeAll
    static void startStack() throws Exception {
        Path repository = Path.of("../..").toAbsolutePath().normalize();
        stack = LocalStack.start(repository, Files.createTempDirectory("aegan-system-"), false, true);
        store = new ArtifactStore(new S3Settings() {
            public String endpoint() { return stack.s3Endpoint(); }
            public String accessKey() { return EmbeddedS3.ACCESS_KEY; }
            public String secretKey() { return EmbeddedS3.SECRET_KEY; }
            public String region() { return "us-east-1"; }
        });
        given().baseUri(stack.url(Service.INGEST)).auth().oauth2(stack.apiTokens().trainer())
                .multiPart("files", "train-images-idx3-ubyte.gz", FashionMnistSample.images(IMAGES))
                .multiPart("files", "train-labels-idx1-ubyte.gz", FashionMnistSample.labels(IMAGES))
                .when().post("/datasets/" + DATASET)
                .then().statusCode(equalTo(201));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (store != null) {
            store.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private static String startRun(int steps, int checkpointEvery) {
        return given().baseUri(stack.url(Service.TRAINER)).auth().oauth2(stack.apiTokens().trainer())
                .contentType(ContentType.JSON)
                .body("""
                        {"model": "vae", "dataset": "%s", "seed": 5, "steps": %d, "batchSize": 32,
                         "checkpointEvery": %d}""".formatted(DATASET, steps, checkpointEvery))
                .when().post("/runs")
                .then().statusCode(equalTo(202))
                .extract().path("runId");
    }

    @Test
    @Order(1)
    void uploadedDatasetIsTrainedOnCheckpointedEvaluatedAndShownInTheGallery() throws Exception {
        String runId = startRun(40, 20);

        try (var checkpoints = new TopicWatcher<>(stack.kafkaClientSettings(), Topics.CHECKPOINTS, CheckpointEvent.class);
             var evaluations = new TopicWatcher<>(stack.kafkaClientSettings(), Topics.EVALUATIONS, EvaluationEvent.class)) {
            CheckpointEvent last = checkpoints.await(e -> e.runId().equals(runId) && e.last(), PATIENCE,
                    "final checkpoint of " + runId);
            assertEquals(40, last.step());
            assertFalse(last.objects().isEmpty());
            for (StoredObject object : last.objects()) {
                byte[] content = store.getVerified(last.bucket(), object);
                assertEquals(object.size(), content.length);
            }
            List<Long> steps = checkpoints.all().stream().filter(e -> e.runId().equals(runId))
                    .map(CheckpointEvent::step).toList();
            assertEquals(List.of(20L, 40L), steps);

            EvaluationEvent mse = evaluations.await(e -> e.runId().equals(runId) && e.step() == 40
                    && e.metric().equals("reconstruction_mse"), PATIENCE, "held-out reconstruction MSE of " + runId);
            assertTrue(mse.value() > 0 && mse.value() < 0.25, "MSE on [0,1] pixels: " + mse.value());
            assertEquals("pixels", mse.extractor());
        }

        GalleryRunPage.awaitGrids(stack.url(Service.GALLERY), runId, PATIENCE, "system-gallery.png");
    }

    @Test
    @Order(2)
    void trainerKilledMidRunResumesFromItsLastCheckpoint() {
        String runId = startRun(400, 50);
        try (var runEvents = new TopicWatcher<>(stack.kafkaClientSettings(), Topics.RUN_EVENTS, RunEvent.class);
             var checkpoints = new TopicWatcher<>(stack.kafkaClientSettings(), Topics.CHECKPOINTS, CheckpointEvent.class);
             var metrics = new TopicWatcher<>(stack.kafkaClientSettings(), Topics.TRAINING_METRICS,
                     TrainingMetricEvent.class)) {
            CheckpointEvent beforeKill = checkpoints.await(e -> e.runId().equals(runId) && e.step() >= 50
                    && !e.last(), PATIENCE, "a first checkpoint of " + runId);

            stack.process(Service.TRAINER).kill();
            stack.restart(Service.TRAINER);

            RunEvent resumed = runEvents.await(e -> e.runId().equals(runId) && e.state() == RunEvent.State.resumed,
                    PATIENCE, "a resumed event for " + runId);
            assertTrue(resumed.step() >= beforeKill.step(),
                    "resumed at " + resumed.step() + ", but checkpoint " + beforeKill.step() + " existed");
            assertEquals(0, resumed.step() % 50, "resumes from a checkpoint step");
            runEvents.await(e -> e.runId().equals(runId) && e.state() == RunEvent.State.finished, PATIENCE,
                    "the resumed run to finish");

            List<CheckpointEvent> ofRun = checkpoints.all().stream().filter(e -> e.runId().equals(runId))
                    .sorted(Comparator.comparing(CheckpointEvent::at)).toList();
            CheckpointEvent finalCheckpoint = ofRun.get(ofRun.size() - 1);
            assertEquals(400, finalCheckpoint.step());
            assertTrue(finalCheckpoint.last());
            assertTrue(ofRun.stream().filter(e -> e.at().isAfter(resumed.at())).allMatch(e -> e.step() > resumed.step()),
                    "no checkpoint after the restart goes back before the resume point: " + ofRun);
            List<TrainingMetricEvent> afterRestart = metrics.all().stream()
                    .filter(e -> e.runId().equals(runId) && e.at().isAfter(resumed.at())).toList();
            assertFalse(afterRestart.isEmpty());
            assertTrue(afterRestart.stream().allMatch(e -> e.step() > resumed.step()),
                    "training continued from step " + resumed.step() + ", not from 0");
            assertEquals(400L, afterRestart.stream().mapToLong(TrainingMetricEvent::step).max().orElseThrow());
        }
    }

    /**
     * A study as a user runs one: one request to the trainer, its runs trained and judged by the
     * services, and its report final on the gallery's study page and in S3, as the gallery serves it.
     */
    @Test
    @Order(3)
    void aStudyRequestedOfTheTrainerIsTrainedJudgedAndReportedInTheGalleryAndS3() throws Exception {
        String study = """
                {"study": "system-study", "title": "Two VAE widths on the sample", "paper": "none: a system test",
                 "dataset": "%s", "imageShape": [1, 28, 28],
                 "groups": [{"name": "narrow", "spec": {"model": "vae", "hyperparameters": {"network": "flexae", "channels": 4}}},
                            {"name": "wide", "spec": {"model": "vae", "hyperparameters": {"network": "flexae", "channels": 16}}}],
                 "profiles": {"local": {"seeds": [1], "steps": 20, "batchSize": 32, "checkpointEvery": 20},
                              "paper": {"seeds": [1, 2, 3], "steps": 100000, "batchSize": 64, "checkpointEvery": 1000}},
                 "metrics": ["reconstruction_mse"],
                 "claims": [{"id": "wide-reconstructs-better", "says": "the wider VAE reconstructs better",
                             "rule": "ordering", "metric": "reconstruction_mse", "groups": ["narrow", "wide"],
                             "order": "decreasing", "minSeeds": 1}],
                 "figure": {"kind": "bars", "metrics": ["reconstruction_mse"], "groups": ["narrow", "wide"]}}
                """.formatted(DATASET);
        List<String> runs = given().baseUri(stack.url(Service.TRAINER)).auth().oauth2(stack.apiTokens().trainer())
                .contentType(ContentType.JSON).body("{\"study\": " + study + ", \"profile\": \"local\"}")
                .when().post("/studies")
                .then().statusCode(equalTo(202))
                .extract().path("runs");
        assertEquals(List.of("system-study.narrow-1-s1", "system-study.wide-1-s1"), runs);

        Instant deadline = Instant.now().plus(PATIENCE);
        JsonNode detail = EventJson.MAPPER.createObjectNode();
        do {
            Thread.sleep(1000);
            // 404 STUDY_NOT_FOUND until the gallery has read the trainer's studies.events record
            var answer = given().baseUri(stack.url(Service.GALLERY)).when().get("/api/studies/system-study");
            if (answer.statusCode() == 200) {
                detail = EventJson.MAPPER.readTree(answer.asString());
            }
        } while (!(detail.at("/progress/final").asBoolean() && detail.at("/progress/reportKey").isTextual())
                && Instant.now().isBefore(deadline));
        JsonNode progress = detail.path("progress");
        assertTrue(progress.path("final").asBoolean(), "the study's report is not final: " + detail);
        assertTrue(progress.get("reportKey").isTextual(), "the final report is not in S3: " + detail);
        assertEquals(2, progress.get("runsFinished").asInt());
        JsonNode report = detail.get("report");
        for (JsonNode row : report.get("table")) {
            double mse = row.get("mean").asDouble();
            assertTrue(mse > 0 && mse < 0.25, "held-out MSE on [0,1] pixels: " + row);
        }
        assertEquals(2, report.get("table").size());
        assertTrue(List.of("reproduced", "not reproduced", "inconclusive at this budget")
                .contains(report.at("/claims/0/verdict").asText()), report.toString());

        String bucket = progress.get("bucket").asText();
        byte[] written = store.get(bucket, progress.get("reportKey").asText()).orElseThrow();
        assertEquals(report, EventJson.MAPPER.readTree(written));
        byte[] figure = store.get(bucket, progress.get("figureKey").asText()).orElseThrow();
        assertEquals("PNG", new String(figure, 1, 3, StandardCharsets.US_ASCII));
    }
}
