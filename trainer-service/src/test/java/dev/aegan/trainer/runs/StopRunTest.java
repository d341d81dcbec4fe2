package dev.aegan.trainer.runs;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunEvent.State;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.store.ArtifactStore;
import dev.aegan.trainer.support.Eventually;
import dev.aegan.trainer.support.Kafka;
import dev.aegan.trainer.support.Runs;
import dev.aegan.trainer.support.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stop ends a run early, but never without a checkpoint of where it got to. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class StopRunTest {

    @Inject
    ArtifactStore store;

    @ConfigProperty(name = "aegan.trainer.checkpoint-bucket")
    String bucket;

    private static void startLongRun(String runId) {
        Runs.post("{\"runId\":\"" + runId + "\",\"model\":\"vae\",\"dataset\":\"" + TestDatasets.fashion()
                + "\",\"steps\":100000,\"batchSize\":8,\"checkpointEvery\":100000}");
        Kafka.await(Topics.TRAINING_METRICS, runId, TrainingMetricEvent.class, Duration.ofMinutes(3),
                found -> !found.isEmpty());
    }

    @Test
    void stopViaRestEndsTheRunStoppedWithACheckpoint() {
        startLongRun("stop-via-rest");
        given().when().post("/runs/stop-via-rest/stop").then().statusCode(202).body("runId", equalTo("stop-via-rest"));

        RunEvent stopped = assertStoppedWithCheckpoint("stop-via-rest");
        Eventually.holds(Duration.ofSeconds(20), () -> given().when().get("/runs/stop-via-rest").then()
                .body("state", equalTo("stopped"))
                .body("step", equalTo((int) stopped.step())));
        given().when().post("/runs/stop-via-rest/stop").then().statusCode(409).body("code", equalTo("RUN_ALREADY_ENDED"));
    }

    @Test
    void aStopAcceptedByAnotherReplicaReachesTheRunThroughTheStore() {
        startLongRun("stop-via-store");
        // What POST /runs/{id}/stop on a replica that does not train the run leaves behind.
        store.putVerified(bucket, "stop-via-store/stop-requested",
                "{\"reason\":\"stop requested via REST\"}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertStoppedWithCheckpoint("stop-via-store");
    }

    private RunEvent assertStoppedWithCheckpoint(String runId) {
        List<RunEvent> events = Runs.awaitTerminal(runId, Duration.ofSeconds(60));
        RunEvent stopped = events.get(events.size() - 1);
        assertEquals(State.stopped, stopped.state(), events.toString());
        assertTrue(stopped.step() > 0 && stopped.step() < 100000, stopped.toString());

        List<CheckpointEvent> checkpoints = Runs.checkpoints(runId);
        CheckpointEvent last = checkpoints.get(checkpoints.size() - 1);
        assertEquals(stopped.step(), last.step(), "the stopped run's last checkpoint is at the step it stopped at");
        assertTrue(last.last());
        Runs.assertStoredAsAnnounced(store, last);
        assertEquals(State.checkpointed, events.get(events.size() - 2).state());
        return stopped;
    }
}
