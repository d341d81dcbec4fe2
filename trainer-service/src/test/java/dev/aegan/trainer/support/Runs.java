package dev.aegan.trainer.support;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.store.ArtifactStore;
import io.restassured.http.ContentType;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Requesting runs over REST and reading what they published. */
public final class Runs {
    private Runs() {
    }

    public static void post(String body) {
        given().contentType(ContentType.JSON).body(body).when().post("/runs").then().statusCode(202);
    }

    public static List<RunEvent> awaitTerminal(String runId, Duration timeout) {
        return Kafka.await(Topics.RUN_EVENTS, runId, RunEvent.class, timeout,
                found -> found.stream().anyMatch(e -> e.state().terminal()));
    }

    public static List<RunEvent> events(String runId) {
        return Kafka.read(Topics.RUN_EVENTS, runId, RunEvent.class);
    }

    public static List<TrainingMetricEvent> metrics(String runId) {
        return Kafka.read(Topics.TRAINING_METRICS, runId, TrainingMetricEvent.class);
    }

    public static List<CheckpointEvent> checkpoints(String runId) {
        return Kafka.read(Topics.CHECKPOINTS, runId, CheckpointEvent.class);
    }

    /** Every object the event names is in S3 with the stated size and SHA-256. */
    public static void assertStoredAsAnnounced(ArtifactStore store, CheckpointEvent checkpoint) {
        for (StoredObject object : checkpoint.objects()) {
            byte[] content = store.get(checkpoint.bucket(), object.key())
                    .orElseThrow(() -> new AssertionError("missing " + object.key()));
            assertEquals(object.size(), content.length, object.key());
            assertEquals(object.sha256(), ArtifactStore.sha256(content), object.key());
        }
    }
}
