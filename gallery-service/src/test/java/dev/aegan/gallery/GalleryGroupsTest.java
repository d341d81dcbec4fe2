package dev.aegan.gallery;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.store.ArtifactStore;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The sweeps the topics name, as {@code /api/groups} and {@code /api/comparison} report them. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class GalleryGroupsTest {
    private static final String GROUP = "rest-sweep";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Inject
    ArtifactStore store;

    @Test
    void listsEachSweepWithItsRunsAndOnlyTheHyperparametersThatDiffer() {
        RunSpec first = spec(GROUP + "-1", GROUP, 0.1);
        RunSpec second = spec(GROUP + "-2", GROUP, 0.3);
        RunSpec lone = new RunSpec(RunSpec.SCHEMA, "rest-lone-run", null, "vae", "rest-data", 1, 500, 64, 100,
                Map.of("latentDim", 16));
        String onlyMetricsSeen = GROUP + "-10";
        try (TestPlatform platform = new TestPlatform(store, bootstrapServers())) {
            for (RunSpec spec : List.of(first, second, lone)) {
                platform.sendEvent(Topics.RUN_EVENTS, spec.runId(), RunEvent.of(spec, RunEvent.State.queued, 0, null));
            }
            platform.sendEvent(Topics.TRAINING_METRICS, onlyMetricsSeen, new TrainingMetricEvent(
                    TrainingMetricEvent.SCHEMA, onlyMetricsSeen, GROUP, 5, Map.of("generator/loss", 1.5), 100,
                    Instant.now()));
        }

        JsonPath group = TestPlatform.await("three runs in " + GROUP, TIMEOUT, () -> {
            var response = given().get("/api/groups/" + GROUP);
            return response.statusCode() == 200 && response.jsonPath().getList("runs").size() == 3
                    ? response.jsonPath() : null;
        });
        assertEquals(GROUP, group.getString("group"));
        assertEquals(List.of("lambda"), group.getList("varied"));
        assertEquals(List.of(GROUP + "-1", GROUP + "-2", onlyMetricsSeen), group.getList("runs.runId"));
        assertEquals(Set.of("lambda"), group.getMap("runs[0].values").keySet());
        assertEquals("0.1", group.getString("runs[0].values.lambda"));
        assertEquals("0.3", group.getString("runs[1].values.lambda"));
        assertNull(group.get("runs[2].values"), "a run known only from its metrics has no spec to compare");

        given().get("/api/groups").then().statusCode(200)
                .body("find { it.group == '" + GROUP + "' }.varied", equalTo(List.of("lambda")))
                .body("runs.runId.flatten()", not(hasItem(lone.runId())));
        given().get("/api/runs/" + first.runId()).then().statusCode(200).body("group", equalTo(GROUP));
        given().get("/api/runs/" + onlyMetricsSeen).then().statusCode(200).body("group", equalTo(GROUP));
        given().get("/api/runs/" + lone.runId()).then().statusCode(200).body("group", nullValue());
        given().get("/api/groups/no-such-sweep").then().statusCode(404)
                .body("code", equalTo("GROUP_NOT_FOUND")).body("message", containsString("no-such-sweep"));

        JsonPath picked = given().get("/api/comparison?runs=" + lone.runId() + "," + first.runId()).then()
                .statusCode(200).extract().jsonPath();
        assertNull(picked.get("group"));
        // the dataset is the same, so it is not among the settings that tell the two apart
        assertEquals(Set.of("model", "latentDim", "channels", "lambda"), Set.copyOf(picked.getList("varied")));
        assertEquals(List.of(lone.runId(), first.runId()), picked.getList("runs.runId"));
        assertEquals("vae", picked.getString("runs[0].values.model"));
        assertEquals("lambda-ijae", picked.getString("runs[1].values.model"));
        assertNull(picked.get("runs[0].values.lambda"), "a hyperparameter the spec leaves out");
        assertEquals("0.1", picked.getString("runs[1].values.lambda"));
        given().get("/api/comparison?runs=" + first.runId() + ",no-such-run").then().statusCode(404)
                .body("code", equalTo("RUN_NOT_FOUND")).body("message", containsString("no-such-run"));
        given().get("/api/comparison?runs=").then().statusCode(400).body("code", equalTo("RUNS_REQUIRED"));
    }

    private static RunSpec spec(String runId, String group, double lambda) {
        return new RunSpec(RunSpec.SCHEMA, runId, group, "lambda-ijae", "rest-data", 1, 500, 64, 100,
                Map.of("channels", 16, "lambda", lambda));
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** Run ids and groups no run can have are refused with their code, never looked up. */
    @Test
    void badRunIdsAndGroupsAreRefusedWith400() {
        given().urlEncodingEnabled(false).get("/api/runs/..%2F..").then().statusCode(400)
                .body("code", equalTo("INVALID_RUN_ID"))
                .body("message", containsString("runId '../..' is not a valid run id"));
        for (String path : List.of("/api/runs/..%2Fx/metrics", "/api/runs/..%2Fx/checkpoints",
                "/api/runs/..%2Fx/evaluations", "/api/runs/..%2Fx/images/1/samples.png")) {
            given().urlEncodingEnabled(false).get(path).then().statusCode(400).body("code", equalTo("INVALID_RUN_ID"));
        }
        given().get("/api/groups/{group}", "<i>" + "x".repeat(500)).then().statusCode(400)
                .body("code", equalTo("INVALID_GROUP"))
                .body("message", containsString("(503 characters) is not a valid group"));
        given().get("/api/comparison?runs=some-run,../x").then().statusCode(400)
                .body("code", equalTo("INVALID_RUN_ID"))
                .body("message", containsString("runs '../x'"));
    }
}
