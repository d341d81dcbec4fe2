package dev.aegan.trainer.endpoint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.StudyEvent;
import dev.aegan.contracts.events.StudyRequest;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.studies.plan.PlannedRun;
import dev.aegan.studies.plan.StudyPlanner;
import dev.aegan.studies.spec.ShippedStudies;
import dev.aegan.trainer.support.Kafka;
import dev.aegan.trainer.support.Schemas;
import dev.aegan.trainer.support.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A study starts with one request, over REST or on studies.requests, and is answered on studies.events.
 * Its runs are two-step VAEs; the test waits for them to be queued, not trained.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class StudyRequestTest {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @BeforeAll
    static void dataset() {
        TestDatasets.fashion();
    }

    @Test
    void aPostedStudyQueuesEveryRunInItsGroupJudgedEveryCheckpointAndIsSubmitted() {
        String study = tinyStudy("tiny-rest");
        given().contentType(ContentType.JSON).body("{\"study\":" + study + "}").when().post("/studies")
                .then().statusCode(202)
                .header("Location", nullValue()) // no GET serves a file that only this request carried
                .body("study", equalTo("tiny-rest"))
                .body("profile", equalTo("local"))
                .body("runs", equalTo(List.of("tiny-rest.vae-1-s1", "tiny-rest.vae-2-s1")));

        StudyEvent submitted = awaitEvent("tiny-rest", event -> event.state() == StudyEvent.State.submitted);
        assertEquals(List.of("tiny-rest.vae-1-s1", "tiny-rest.vae-2-s1"), submitted.runIds());
        assertEquals(EventJson.read(study, JsonNode.class), submitted.definition());
        for (String runId : submitted.runIds()) {
            given().when().get("/runs/" + runId).then().statusCode(200)
                    .body("spec.group", equalTo("tiny-rest.vae"))
                    .body("spec.judging", equalTo("every"));
        }
        Kafka.readRaw(Topics.STUDY_EVENTS, "tiny-rest").forEach(json -> Schemas.assertValid("study-event.schema.json", json));

        // The same request again is the same study: accepted, submitted once more, nothing queued twice.
        given().contentType(ContentType.JSON).body("{\"study\":" + study + ",\"profile\":\"local\"}").when()
                .post("/studies").then().statusCode(202);
        List<StudyEvent> events = Kafka.await(Topics.STUDY_EVENTS, "tiny-rest", StudyEvent.class, WAIT,
                found -> found.size() == 2);
        assertEquals(StudyEvent.State.submitted, events.get(1).state());
        assertEquals(submitted.runIds(), events.get(1).runIds());
        for (String runId : submitted.runIds()) {
            assertEquals(1, Kafka.readRaw(Topics.RUN_REQUESTS, runId).size(), runId);
        }

        given().contentType(ContentType.JSON).body("{\"study\":" + study + ",\"profile\":\"paper\"}").when()
                .post("/studies").then().statusCode(409)
                .body("code", equalTo("RUNS_EXIST"))
                .body("message", containsString("tiny-rest.vae-1-s1"));
    }

    @Test
    void aStudyRequestOnTheTopicIsSubmittedAndADifferentProfileAfterwardsIsRejected() {
        Kafka.send(Topics.STUDY_REQUESTS, "tiny-topic", topicRequest(tinyStudy("tiny-topic"), "local"));
        StudyEvent submitted = awaitEvent("tiny-topic", event -> event.state() == StudyEvent.State.submitted);
        assertEquals(List.of("tiny-topic.vae-1-s1", "tiny-topic.vae-2-s1"), submitted.runIds());
        given().when().get("/runs").then().statusCode(200).body("runId", hasItem("tiny-topic.vae-2-s1"));

        Kafka.send(Topics.STUDY_REQUESTS, "tiny-topic", topicRequest(tinyStudy("tiny-topic"), "paper"));
        StudyEvent rejected = awaitEvent("tiny-topic", event -> event.state() == StudyEvent.State.rejected);
        assertEquals(StudyEvent.Rejection.RUNS_EXIST, rejected.code());
        assertEquals("paper", rejected.profile());
    }

    @Test
    void aMalformedRecordIsRejectedUnderItsKey() {
        Kafka.send(Topics.STUDY_REQUESTS, "not-a-request", "{\"study\": 42");
        StudyEvent rejected = awaitEvent("not-a-request", event -> event.state() == StudyEvent.State.rejected);
        assertEquals(StudyEvent.Rejection.MALFORMED_REQUEST, rejected.code());
        assertTrue(rejected.reason().contains("is not JSON"), rejected.reason());
        Kafka.readRaw(Topics.STUDY_EVENTS, "not-a-request")
                .forEach(json -> Schemas.assertValid("study-event.schema.json", json));
    }

    @Test
    void theAppendixBStudyRunsInTheTrainerAndCompletesWithAValueForEveryRun() {
        String location = given().contentType(ContentType.JSON).body("{\"study\":\"appendix-b\"}").when()
                .post("/studies").then().statusCode(202).extract().header("Location");
        given().when().get(URI.create(location).getPath()).then().statusCode(200).body("study", equalTo("appendix-b"));
        StudyEvent completed = awaitEvent("appendix-b", event -> event.state() == StudyEvent.State.completed);
        List<String> planned = StudyPlanner.plan(ShippedStudies.study("appendix-b").orElseThrow(), "local").stream()
                .map(PlannedRun::runId).toList();
        assertEquals(planned, completed.runIds());
        assertEquals(Set.copyOf(planned), completed.results().stream().map(EvaluationEvent::runId)
                .collect(Collectors.toSet()));
        completed.results().forEach(result -> assertEquals("trainer-service", result.producer()));
        assertEquals("appendix-b", completed.definition().get("study").textValue());
    }

    @Test
    void refusalsNameWhatIsWrong() {
        refused("{\"study\":\"no-such-study\"}", 400, "UNKNOWN_STUDY", "appendix-b");
        refused("{\"study\":\"appendix-b\",\"profile\":\"huge\"}", 400, "UNKNOWN_PROFILE", "huge");
        refused("{\"study\":" + tinyStudy("tiny-bad").replace("reconstruction_mse", "sharpness") + "}", 400,
                "INVALID_STUDY", "tiny-bad.json: metrics[0]: 'sharpness' is not a metric");
        refused("{\"study\":" + tinyStudy("tiny-nodata").replace(TestDatasets.FASHION, "no-such-data") + "}", 400,
                "INVALID_STUDY", "run tiny-nodata.vae-1-s1");
        refused("[1]", 400, "MALFORMED_REQUEST", "must be a JSON object");
        given().when().get("/runs/tiny-nodata.vae-1-s1").then().statusCode(404);
    }

    @Test
    void theShippedStudiesAreListedWithTheirBudgetsAndServedAsFiles() {
        given().when().get("/studies").then().statusCode(200)
                .body("name", equalTo(ShippedStudies.names()))
                .body("find { it.name == 'appendix-b' }.runner", equalTo("appendix-b"))
                .body("find { it.name == 'ijae-frontier' }.profiles.local.steps", equalTo(
                        ShippedStudies.study("ijae-frontier").orElseThrow().profile("local").settings().get("steps")
                                .intValue()));
        given().when().get("/studies/appendix-b").then().statusCode(200).body("study", equalTo("appendix-b"));
        given().when().get("/studies/no-such-study").then().statusCode(404)
                .body("code", equalTo("UNKNOWN_STUDY"))
                .body("message", startsWith("no shipped study is named 'no-such-study'"));
    }

    private static void refused(String body, int status, String code, String message) {
        given().contentType(ContentType.JSON).body(body).when().post("/studies")
                .then().statusCode(status).body("code", equalTo(code)).body("message", containsString(message));
    }

    private static StudyEvent awaitEvent(String study, Predicate<StudyEvent> wanted) {
        List<StudyEvent> events = Kafka.await(Topics.STUDY_EVENTS, study, StudyEvent.class, WAIT,
                found -> found.stream().anyMatch(wanted));
        return events.stream().filter(wanted).reduce((first, last) -> last).orElseThrow();
    }

    /** @param study a shipped study's name as a JSON string, or a study file's object */
    private static String topicRequest(String study, String profile) {
        return "{\"schema\":\"" + StudyRequest.SCHEMA + "\",\"study\":" + study + ",\"profile\":\"" + profile + "\"}";
    }

    /** A study of two 2-step VAE runs (latentDim 2 and 3, seed 1); the paper profile trains 4 steps. */
    private static String tinyStudy(String name) {
        return """
                {"study":"%s","title":"t","paper":"p","dataset":"%s","imageShape":[1,28,28],
                 "groups":[{"name":"vae","spec":{"model":"vae"},"vary":{"latentDim":[2,3]}}],
                 "profiles":{"local":{"seeds":[1],"steps":2,"batchSize":4,"checkpointEvery":2},
                             "paper":{"seeds":[1],"steps":4,"batchSize":4,"checkpointEvery":2}},
                 "metrics":["reconstruction_mse"],
                 "claims":[{"id":"c","says":"s","rule":"monotone","metric":"reconstruction_mse","group":"vae",
                            "parameter":"latentDim","direction":"falls"}],
                 "figure":{"kind":"bars","metrics":["reconstruction_mse"],"groups":["vae"]}}
                """.formatted(name, TestDatasets.FASHION);
    }
}
