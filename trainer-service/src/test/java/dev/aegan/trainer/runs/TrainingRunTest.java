package dev.aegan.trainer.runs;

import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunEvent.State;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.store.ArtifactStore;
import dev.aegan.contracts.Topics;
import dev.aegan.trainer.support.Eventually;
import dev.aegan.trainer.support.Kafka;
import dev.aegan.trainer.support.Schemas;
import dev.aegan.trainer.support.Runs;
import dev.aegan.trainer.support.TestDatasets;
import dev.aegan.trainer.training.TrainingDataFingerprint;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A whole run: REST request, training on the dataset's train split, metrics, verified checkpoints, the end. */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class TrainingRunTest {

    @Inject
    ArtifactStore store;

    @ConfigProperty(name = "aegan.trainer.checkpoint-bucket")
    String bucket;

    @Test
    void aSmallRunPublishesMetricsAndVerifiedCheckpointsAndFinishes() {
        String dataset = TestDatasets.fashion();
        given().contentType(ContentType.JSON)
                .body("{\"runId\":\"small-run\",\"model\":\"vae\",\"dataset\":\"" + dataset + "\",\"seed\":11,"
                        + "\"steps\":30,\"batchSize\":16,\"checkpointEvery\":10,\"hyperparameters\":{\"latentDim\":8}}")
                .when().post("/runs")
                .then().statusCode(202)
                .header("Location", endsWith("/runs/small-run"))
                .body("runId", equalTo("small-run"))
                .body("hyperparameters.latentDim", equalTo(8))
                .body("hyperparameters.beta", equalTo(1.0f));

        List<RunEvent> events = Runs.awaitTerminal("small-run", Duration.ofMinutes(3));
        assertEquals(List.of(State.queued, State.running, State.checkpointed, State.checkpointed, State.checkpointed,
                State.finished), events.stream().map(RunEvent::state).toList());
        assertEquals(List.of(0L, 0L, 10L, 20L, 30L, 30L), events.stream().map(RunEvent::step).toList());

        List<TrainingMetricEvent> metrics = Runs.metrics("small-run");
        assertEquals(List.of(5L, 10L, 15L, 20L, 25L, 30L), metrics.stream().map(TrainingMetricEvent::step).toList());
        for (TrainingMetricEvent m : metrics) {
            assertEquals(Set.of("vae/loss", "vae/reconstruction", "vae/kl"), m.values().keySet());
            assertTrue(m.values().values().stream().allMatch(Double::isFinite), m.toString());
            assertTrue(m.imagesPerSecond() > 0, m.toString());
        }
        assertTrue(metrics.get(5).values().get("vae/loss") < metrics.get(0).values().get("vae/loss"),
                "the VAE loss should fall over 30 steps: " + metrics);

        List<CheckpointEvent> checkpoints = Runs.checkpoints("small-run");
        assertEquals(List.of(10L, 20L, 30L), checkpoints.stream().map(CheckpointEvent::step).toList());
        assertEquals(List.of(false, false, true), checkpoints.stream().map(CheckpointEvent::last).toList());
        for (CheckpointEvent checkpoint : checkpoints) {
            assertEquals(bucket, checkpoint.bucket());
            assertEquals("small-run", checkpoint.spec().runId());
            String prefix = String.format("small-run/step-%08d/", checkpoint.step());
            assertEquals(Set.of("networks/encoder.params", "networks/decoder.params", "optimizer.bin",
                            "training-state.json", "run-state.json"),
                    checkpoint.objects().stream().map(o -> o.key().substring(prefix.length())).collect(Collectors.toSet()));
            Runs.assertStoredAsAnnounced(store, checkpoint);
            CheckpointEvent manifest = EventJson.read(store.get(bucket, prefix + "checkpoint.json").orElseThrow(),
                    CheckpointEvent.class);
            assertEquals(checkpoint.objects(), manifest.objects());
        }

        StoredObject runState = checkpoints.get(2).objects().stream()
                .filter(o -> o.key().endsWith(TrainingDataFingerprint.OBJECT)).findFirst().orElseThrow();
        assertEquals(TestDatasets.TRAIN_IMAGES,
                EventJson.read(store.get(bucket, runState.key()).orElseThrow(), TrainingDataFingerprint.class).trainImages(),
                "batches come from the train split only, never the held-out images");

        assertEquals(State.finished,
                EventJson.read(store.get(bucket, "small-run/final.json").orElseThrow(), RunEvent.class).state());
        Eventually.holds(Duration.ofSeconds(20), () -> given().when().get("/runs/small-run").then().statusCode(200)
                .body("state", equalTo("finished"))
                .body("step", equalTo(30))
                .body("lastCheckpointStep", equalTo(30)));
        given().when().get("/runs").then().statusCode(200).body("runId", hasItem("small-run"));

        Kafka.readRaw(Topics.RUN_EVENTS, "small-run").forEach(json -> Schemas.assertValid("run-event.schema.json", json));
        Kafka.readRaw(Topics.TRAINING_METRICS, "small-run")
                .forEach(json -> Schemas.assertValid("training-metric.schema.json", json));
        Kafka.readRaw(Topics.CHECKPOINTS, "small-run").forEach(json -> Schemas.assertValid("checkpoint.schema.json", json));
        Kafka.readRaw(Topics.RUN_REQUESTS, "small-run").forEach(json -> Schemas.assertValid("run-spec.schema.json", json));
        Schemas.assertValid("run-spec.schema.json", store.get(bucket, "small-run/spec.json").orElseThrow());
    }
}
