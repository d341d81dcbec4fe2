package dev.aegan.trainer.endpoint;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.trainer.support.Eventually;
import dev.aegan.trainer.support.Kafka;
import dev.aegan.trainer.support.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests that cannot be trained are refused with a stable code, on REST and on runs.requests alike. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class RunRequestValidationTest {

    @BeforeAll
    static void dataset() {
        TestDatasets.fashion();
    }

    private static void refused(String body, int status, String code, String messagePart) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/runs")
                .then().statusCode(status)
                .contentType(ContentType.JSON)
                .body("code", equalTo(code))
                .body("message", containsString(messagePart));
    }

    @Test
    void restRefusesEachKindOfBadSpecWithItsCode() {
        String ds = TestDatasets.FASHION;
        refused("{\"model\":\"gan9000\",\"dataset\":\"" + ds + "\"}", 400, "UNKNOWN_MODEL", "gan9000");
        refused("{\"model\":\"vae\",\"dataset\":\"" + ds + "\",\"hyperparameters\":{\"latentDim\":0}}", 400,
                "INVALID_HYPERPARAMETER", "latentDim");
        refused("{\"model\":\"vae\",\"dataset\":\"" + ds + "\",\"hyperparameters\":{\"lr\":0.1}}", 400,
                "INVALID_HYPERPARAMETER", "lr");
        refused("{\"model\":\"vae\",\"dataset\":\"" + ds + "\",\"steps\":0}", 400, "INVALID_SPEC", "steps");
        refused("{\"model\":\"vae\",\"dataset\":\"" + ds + "\",\"batchSize\":100000}", 400, "INVALID_SPEC", "batchSize");
        refused("{\"model\":\"vae\",\"dataset\":\"" + ds + "\",\"steps\":10,\"checkpointEvery\":0}", 400, "INVALID_SPEC",
                "checkpointEvery");
        refused("{\"model\":\"vae\",\"dataset\":\"no-such-dataset\"}", 400, "DATASET_NOT_FOUND", "no-such-dataset");
        refused("{\"model\":\"vae\",", 400, "INVALID_JSON", "JSON");
    }

    /**
     * A conditional model (c-idvae) is conditioned on as many classes as the dataset names labels
     * unless told otherwise, and is refused with fewer; then it trains on the labelled images.
     */
    @Test
    void aConditionalModelTakesItsClassesFromTheDatasetsLabelNames() {
        String ds = TestDatasets.FASHION;
        refused("{\"model\":\"c-idvae\",\"dataset\":\"" + ds + "\",\"hyperparameters\":{\"classes\":5}}", 400,
                "INVALID_HYPERPARAMETER", "classes = 5 is fewer than the 10 labels");
        given().contentType(ContentType.JSON)
                .body("{\"runId\":\"conditional-run\",\"model\":\"c-idvae\",\"dataset\":\"" + ds + "\",\"steps\":2,"
                        + "\"batchSize\":4,\"hyperparameters\":{\"channels\":2,\"latentDim\":4}}")
                .when().post("/runs")
                .then().statusCode(202)
                .body("hyperparameters.classes", equalTo(TestDatasets.FASHION_LABELS.size()));
        Eventually.holds(Duration.ofSeconds(60), () -> given().when().get("/runs/conditional-run")
                .then().statusCode(200)
                .body("state", equalTo("finished"))
                .body("step", equalTo(2)));
    }

    @Test
    void restRefusesATakenRunId() {
        String body = "{\"runId\":\"taken-id\",\"model\":\"vae\",\"dataset\":\"" + TestDatasets.FASHION
                + "\",\"steps\":1,\"batchSize\":4}";
        given().contentType(ContentType.JSON).body(body).when().post("/runs").then().statusCode(202);
        refused(body, 409, "RUN_EXISTS", "taken-id");
    }

    @Test
    void aMalformedRecordOnTheTopicEndsAsAFailedRunWithTheReason() {
        Kafka.send(Topics.RUN_REQUESTS, "garbled-request", "{\"model\": vae");
        RunEvent failed = awaitFailed("garbled-request");
        assertTrue(failed.reason().startsWith("INVALID_JSON: "), failed.reason());
    }

    @Test
    void anInvalidSpecOnTheTopicEndsAsAFailedRunWithTheReason() {
        Kafka.send(Topics.RUN_REQUESTS, "unknown-model-request",
                "{\"model\":\"gan9000\",\"dataset\":\"" + TestDatasets.FASHION + "\"}");
        RunEvent failed = awaitFailed("unknown-model-request");
        assertTrue(failed.reason().startsWith("UNKNOWN_MODEL: ") && failed.reason().contains("gan9000"), failed.reason());

        Kafka.send(Topics.RUN_REQUESTS, "missing-dataset-request", "{\"model\":\"vae\",\"dataset\":\"nowhere\"}");
        assertTrue(awaitFailed("missing-dataset-request").reason().startsWith("DATASET_NOT_FOUND: "));

        // The failure is visible to users of GET /runs too.
        Eventually.holds(Duration.ofSeconds(20), () -> given().when().get("/runs/missing-dataset-request")
                .then().statusCode(200)
                .body("state", equalTo("failed"))
                .body("reason", containsString("nowhere")));
    }

    @Test
    void unknownRunsAreNotFound() {
        given().when().get("/runs/never-requested").then().statusCode(404).body("code", equalTo("RUN_NOT_FOUND"));
        given().when().post("/runs/never-requested/stop").then().statusCode(404).body("code", equalTo("RUN_NOT_FOUND"));
    }

    private static RunEvent awaitFailed(String runId) {
        List<RunEvent> events = Kafka.await(Topics.RUN_EVENTS, runId, RunEvent.class, Duration.ofSeconds(60),
                found -> found.stream().anyMatch(e -> e.state() == RunEvent.State.failed));
        assertEquals(List.of(RunEvent.State.failed), events.stream().map(RunEvent::state).toList());
        return events.get(0);
    }
}
