package dev.aegan.trainer.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.contracts.ErrorBody;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.trainer.support.RunRace;
import dev.aegan.trainer.support.Runs;
import dev.aegan.trainer.support.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A sweep fans out into one run per value, each carrying the sweep's group wherever it publishes. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class SweepRequestTest {

    @TestHTTPResource("/runs")
    URI runs;

    @TestHTTPResource("/sweeps")
    URI sweeps;

    @BeforeAll
    static void dataset() {
        TestDatasets.fashion();
    }

    @Test
    void aSweepRunsOncePerValueAndEveryEventNamesItsGroup() {
        String body = "{\"group\":\"vae-latent\",\"spec\":{\"model\":\"vae\",\"dataset\":\"" + TestDatasets.FASHION
                + "\",\"steps\":2,\"batchSize\":4,\"checkpointEvery\":2},\"vary\":{\"latentDim\":[2,3]}}";
        given().contentType(ContentType.JSON).body(body).when().post("/sweeps")
                .then().statusCode(202)
                .body("group", equalTo("vae-latent"))
                .body("runs", hasSize(2))
                .body("runs[1].spec.runId", equalTo("vae-latent-2"))
                .body("runs[1].varied.latentDim", equalTo(3))
                .body("runs[1].spec.hyperparameters.latentDim", equalTo(3));
        for (String runId : List.of("vae-latent-1", "vae-latent-2")) {
            List<RunEvent> events = Runs.awaitTerminal(runId, Duration.ofMinutes(2));
            events.forEach(e -> assertEquals("vae-latent", e.spec().group(), e.toString()));
            assertEquals(RunEvent.State.finished, events.get(events.size() - 1).state());
            List<TrainingMetricEvent> metrics = Runs.metrics(runId);
            assertFalse(metrics.isEmpty());
            metrics.forEach(m -> assertEquals("vae-latent", m.group()));
            Runs.checkpoints(runId).forEach(c -> assertEquals("vae-latent", c.spec().group()));
        }
        given().when().get("/sweeps/vae-latent").then().statusCode(200)
                .body("runId", equalTo(List.of("vae-latent-1", "vae-latent-2")))
                .body("spec.hyperparameters.latentDim", equalTo(List.of(2, 3)));
        given().contentType(ContentType.JSON).body(body).when().post("/sweeps")
                .then().statusCode(409).body("code", equalTo("SWEEP_EXISTS"));
    }

    /** Of sweeps racing for one group, the one whose first run reaches runs.requests first is the sweep. */
    @Test
    void ofConcurrentSweepsForOneGroupExactlyOneIsQueued() throws Exception {
        RunRace.warmUp(runs, LocalInfraTestResource.apiTokens().trainer());
        List<String> bodies = IntStream.range(0, 4).mapToObj(i -> "{\"group\":\"raced-sweep\",\"spec\":{\"model\":"
                + "\"vae\",\"dataset\":\"" + TestDatasets.FASHION + "\",\"steps\":2,\"batchSize\":4,"
                + "\"checkpointEvery\":2},\"vary\":{\"latentDim\":[" + (2 + 2 * i) + "," + (3 + 2 * i) + "]}}").toList();

        List<RunRace.Answer> answers = RunRace.post(Collections.nCopies(bodies.size(), sweeps), bodies, LocalInfraTestResource.apiTokens().trainer());

        List<RunRace.Answer> accepted = answers.stream().filter(answer -> answer.status() == 202).toList();
        assertEquals(1, accepted.size(), answers.toString());
        answers.stream().filter(answer -> answer.status() != 202).forEach(answer -> {
            assertEquals(409, answer.status(), answer.toString());
            assertEquals("SWEEP_EXISTS", EventJson.read(answer.body(), ErrorBody.class).code(), answer.toString());
        });
        for (JsonNode run : EventJson.MAPPER.readTree(accepted.get(0).body()).get("runs")) {
            RunSpec spec = EventJson.MAPPER.treeToValue(run.get("spec"), RunSpec.class);
            List<RunEvent> events = Runs.awaitTerminal(spec.runId(), Duration.ofMinutes(2));
            assertEquals(List.of(RunEvent.State.queued, RunEvent.State.running, RunEvent.State.checkpointed,
                    RunEvent.State.finished), events.stream().map(RunEvent::state).toList());
            events.forEach(event -> assertEquals(EventJson.MAPPER.valueToTree(spec),
                    EventJson.MAPPER.valueToTree(event.spec()), "the accepted sweep's run trained: " + event));
        }
    }

    @Test
    void oneBadValueRefusesTheWholeSweepAndQueuesNothing() {
        String body = "{\"group\":\"ijae-bad-lambda\",\"spec\":{\"model\":\"lambda-ijae\",\"dataset\":\""
                + TestDatasets.FASHION + "\",\"steps\":1},\"vary\":{\"lambda\":[0.5,1.5]}}";
        given().contentType(ContentType.JSON).body(body).when().post("/sweeps")
                .then().statusCode(400)
                .body("code", equalTo("INVALID_HYPERPARAMETER"))
                .body("message", containsString("ijae-bad-lambda-2 {lambda=1.5}"))
                .body("message", containsString("lambda"));
        given().when().get("/sweeps/ijae-bad-lambda").then().statusCode(404).body("code", equalTo("SWEEP_NOT_FOUND"));
        given().when().get("/runs/ijae-bad-lambda-1").then().statusCode(404);
    }

    @Test
    void aMalformedSweepIsRefusedWithInvalidSweep() {
        given().contentType(ContentType.JSON).body("{\"spec\":{\"model\":\"vae\"},\"vary\":{\"latentDim\":[]}}")
                .when().post("/sweeps")
                .then().statusCode(400).body("code", equalTo("INVALID_SWEEP"))
                .body("message", containsString("vary.latentDim"));
    }
}
