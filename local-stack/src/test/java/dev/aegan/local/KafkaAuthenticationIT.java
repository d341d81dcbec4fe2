package dev.aegan.local;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.infra.Await;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every service as its own process on a broker that requires SCRAM and enforces the platform's
 * ACLs, each given only its own principal's {@code KAFKA_*} settings in its environment, as a
 * container is: the whole chain from upload to the gallery works with no more than each
 * principal is granted.
 */
class KafkaAuthenticationIT {
    private static final Duration PATIENCE = Duration.ofMinutes(8);
    /** A smaller battery than metrics-service's defaults: this scenario is about who may do what, not the numbers. */
    private static final Map<String, String> SMALL_JUDGING = Map.of(
            "aegan.metrics.generation-samples", "300",
            "aegan.metrics.reconstruction-images", "64",
            "aegan.metrics.diversity-pairs", "300",
            "aegan.metrics.kid-subsets", "10",
            "aegan.metrics.kid-subset-size", "100",
            "aegan.metrics.memorisation-samples", "300",
            "aegan.metrics.memorisation-training-images", "600",
            "aegan.metrics.classifier.steps", "100");
    private static final String DATASET = "fashion-secured";
    private static final int IMAGES = 600;

    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path workDir = Files.createTempDirectory("aegan-secured-");
        // the launcher passes its own aegan.* system properties on to the services it starts
        SMALL_JUDGING.forEach(System::setProperty);
        try {
            stack = LocalStack.start(repository, workDir, false, true);
        } finally {
            SMALL_JUDGING.keySet().forEach(System::clearProperty);
        }
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anUploadIsTrainedOnJudgedByBothJudgesAndShownInTheGallery() throws IOException {
        given().baseUri(stack.url(Service.INGEST))
                .multiPart("files", "train-images-idx3-ubyte.gz", FashionMnistSample.images(IMAGES))
                .multiPart("files", "train-labels-idx1-ubyte.gz", FashionMnistSample.labels(IMAGES))
                .when().post("/datasets/" + DATASET)
                .then().statusCode(equalTo(201));
        String runId = given().baseUri(stack.url(Service.TRAINER)).contentType(ContentType.JSON)
                .body("""
                        {"model": "vae", "dataset": "%s", "seed": 3, "steps": 10, "batchSize": 32,
                         "checkpointEvery": 10}""".formatted(DATASET))
                .when().post("/runs")
                .then().statusCode(equalTo(202))
                .extract().path("runId");

        try (var evaluations = new TopicWatcher<>(stack.kafkaClientSettings(), Topics.EVALUATIONS, EvaluationEvent.class)) {
            for (String judge : List.of("metrics-service", "critic-service")) {
                evaluations.await(e -> e.runId().equals(runId) && judge.equals(e.producer()), PATIENCE,
                        "an evaluation of " + runId + " by " + judge);
            }
        }
        Await.until("the gallery to list the evaluations of " + runId, PATIENCE, () -> {
            List<String> producers = given().baseUri(stack.url(Service.GALLERY))
                    .get("/api/runs/" + runId + "/evaluations").then().statusCode(200)
                    .extract().jsonPath().getList("producer", String.class);
            return producers.containsAll(List.of("metrics-service", "critic-service")) ? producers : null;
        });
        Await.until("the gallery's reconstruction grid of " + runId, PATIENCE, () -> given()
                .baseUri(stack.url(Service.GALLERY)).get("/api/runs/" + runId + "/images/10/reconstructions.png")
                .statusCode() == 200 ? Boolean.TRUE : null);
    }
}
