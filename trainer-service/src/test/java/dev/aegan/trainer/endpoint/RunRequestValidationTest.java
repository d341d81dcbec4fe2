package dev.aegan.trainer.endpoint;

import dev.aegan.contracts.ErrorBody;
import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.trainer.support.Eventually;
import dev.aegan.trainer.support.Kafka;
import dev.aegan.trainer.support.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    @TestHTTPResource("/")
    URI root;

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
        refused("{\"model\":\"vae\",\"dataset\":\"" + ds + "\",\"judging\":\"sometimes\"}", 400, "INVALID_SPEC",
                "judging must be one of [newest, every]");
        refused("{\"model\":\"vae\",\"dataset\":\"" + ds + "\",\"follow\":\"always\"}", 400, "INVALID_SPEC",
                "follow must be true or false");
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

    /** A run id or group no run can have is refused at the edge with its code, before it reaches the store. */
    @Test
    void restRefusesBadIdentifiersWithTheirCode() {
        given().urlEncodingEnabled(false).when().get("/runs/..%2F..").then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("code", equalTo("INVALID_RUN_ID"))
                .body("message", containsString("runId '../..' is not a valid run id"))
                .body("message", containsString(Identifiers.RULE));
        given().urlEncodingEnabled(false).when().post("/runs/..%2F..%2Fx/stop").then().statusCode(400)
                .body("code", equalTo("INVALID_RUN_ID"));
        given().when().get("/runs/{id}", "Not Valid").then().statusCode(400).body("code", equalTo("INVALID_RUN_ID"));
        given().when().get("/sweeps/{group}", "<i>bad").then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("code", equalTo("INVALID_GROUP"))
                .body("message", containsString("group '<i>bad' is not a valid group"));

        String markup = "<script>alert(1)</script>" + "x".repeat(469) + "../../";
        refused("{\"model\":\"vae\",\"dataset\":\"" + TestDatasets.FASHION + "\",\"group\":\"" + markup + "\"}",
                400, "INVALID_SPEC", "group '<script>alert(1)</script>");
        refused("{\"model\":\"vae\",\"dataset\":\"" + TestDatasets.FASHION + "\",\"group\":\"" + markup + "\"}",
                400, "INVALID_SPEC", "(500 characters) is not a valid group");
        refused("{\"runId\":\"..\",\"model\":\"vae\",\"dataset\":\"" + TestDatasets.FASHION + "\"}", 400,
                "INVALID_SPEC", "runId '..' is not a valid run id");
        refused("{\"model\":\"vae\",\"dataset\":\"../" + TestDatasets.FASHION + "\"}", 400, "INVALID_SPEC",
                "is not a valid dataset name");
    }

    /** A JSON endpoint does not guess: a body without Content-Type is refused, not read as JSON. */
    @Test
    void aBodyWithoutContentTypeIsRefusedWith415() throws Exception {
        String spec = "{\"runId\":\"no-content-type\",\"model\":\"vae\",\"dataset\":\"" + TestDatasets.FASHION
                + "\",\"steps\":1,\"batchSize\":4}";
        for (String path : List.of("runs", "sweeps")) {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(root.resolve(path))
                    .header("Authorization", "Bearer " + LocalInfraTestResource.apiTokens().trainer())
                    .POST(HttpRequest.BodyPublishers.ofString(spec)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(415, response.statusCode(), response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                    response.headers().toString());
            ErrorBody error = EventJson.MAPPER.readValue(response.body(), ErrorBody.class);
            assertEquals("UNSUPPORTED_MEDIA_TYPE", error.code());
            assertTrue(error.message().contains("Content-Type: application/json"), error.message());
        }
        given().contentType(ContentType.TEXT).body(spec).when().post("/runs").then().statusCode(415)
                .contentType(ContentType.JSON)
                .body("code", equalTo("UNSUPPORTED_MEDIA_TYPE"));
        given().when().get("/runs/no-content-type").then().statusCode(404);
    }

    /** A user's producer is held to the same rule: the trainer answers with a failed run naming the problem. */
    @Test
    void badIdentifiersOnTheTopicEndAsAFailedRunNamingTheProblem() {
        String ds = TestDatasets.FASHION;
        Kafka.send(Topics.RUN_REQUESTS, "bad-group-request", "{\"model\":\"vae\",\"dataset\":\"" + ds
                + "\",\"group\":\"../etc\"}");
        String groupReason = awaitFailed("bad-group-request").reason();
        assertTrue(groupReason.startsWith("INVALID_SPEC: group '../etc' is not a valid group"), groupReason);

        Kafka.send(Topics.RUN_REQUESTS, "bad-body-run-id-request", "{\"runId\":\"../x\",\"model\":\"vae\","
                + "\"dataset\":\"" + ds + "\"}");
        String bodyReason = awaitFailed("bad-body-run-id-request").reason();
        assertTrue(bodyReason.startsWith("INVALID_SPEC: runId '../x' is not a valid run id"), bodyReason);

        // A key no run can have: the refusal is announced under the id derived from the record's position.
        RecordMetadata at = Kafka.send(Topics.RUN_REQUESTS, "../..", "{\"model\":\"vae\",\"dataset\":\"" + ds + "\"}");
        String keyReason = awaitFailed("request-" + at.partition() + "-" + at.offset()).reason();
        assertTrue(keyReason.startsWith("INVALID_SPEC: runId (the record key) '../..' is not a valid run id"), keyReason);
    }

    private static RunEvent awaitFailed(String runId) {
        List<RunEvent> events = Kafka.await(Topics.RUN_EVENTS, runId, RunEvent.class, Duration.ofSeconds(60),
                found -> found.stream().anyMatch(e -> e.state() == RunEvent.State.failed));
        assertEquals(List.of(RunEvent.State.failed), events.stream().map(RunEvent::state).toList());
        return events.get(0);
    }
}
