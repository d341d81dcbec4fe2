package dev.aegan.trainer.runs;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunEvent.State;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.store.ArtifactStore;
import dev.aegan.trainer.support.CheckpointCopies;
import dev.aegan.trainer.support.Kafka;
import dev.aegan.trainer.support.Runs;
import dev.aegan.trainer.support.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request delivered again after its trainer died continues from the run's newest complete
 * checkpoint, and ends exactly where the uninterrupted run ends. The state a replica killed right
 * after checkpoint 10 leaves in S3 is built from a reference run's own checkpoint.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class ResumeTest {
    private static final String REFERENCE = "resume-reference";

    @Inject
    ArtifactStore store;

    @ConfigProperty(name = "aegan.trainer.checkpoint-bucket")
    String bucket;

    @BeforeEach
    void referenceRun() {
        if (!store.exists(bucket, REFERENCE + "/final.json")) {
            Runs.post("{\"runId\":\"" + REFERENCE + "\",\"model\":\"vae\",\"dataset\":\"" + TestDatasets.fashion()
                    + "\",\"seed\":5,\"steps\":20,\"batchSize\":16,\"checkpointEvery\":10,"
                    + "\"hyperparameters\":{\"latentDim\":8}}");
        }
        Runs.awaitTerminal(REFERENCE, Duration.ofMinutes(3));
    }

    @Test
    void aRedeliveredRequestContinuesFromTheLastCompleteCheckpointAndMatchesTheUninterruptedRun() {
        String runId = "resume-after-kill";
        List<CheckpointEvent> reference = Runs.checkpoints(REFERENCE);
        CheckpointEvent atTen = reference.stream().filter(c -> c.step() == 10).findFirst().orElseThrow();
        CheckpointEvent atTwenty = reference.stream().filter(c -> c.step() == 20).findFirst().orElseThrow();
        RunSpec spec = atTen.spec().withRunId(runId);

        CheckpointCopies.copyAs(store, bucket, atTen, spec);
        // Killed while writing checkpoint 20: objects without checkpoint.json must be ignored.
        store.putVerified(bucket, runId + "/step-00000020/networks/encoder.params",
                "torn write".getBytes(StandardCharsets.UTF_8), "application/octet-stream");

        Kafka.send(Topics.RUN_REQUESTS, runId, EventJson.write(spec));

        List<RunEvent> events = Runs.awaitTerminal(runId, Duration.ofMinutes(3));
        assertEquals(List.of(State.resumed, State.checkpointed, State.finished),
                events.stream().map(RunEvent::state).toList());
        assertEquals(List.of(10L, 20L, 20L), events.stream().map(RunEvent::step).toList());

        List<TrainingMetricEvent> metrics = Runs.metrics(runId);
        assertEquals(List.of(15L, 20L), metrics.stream().map(TrainingMetricEvent::step).toList(),
                "training continues at step 11, not 1");
        Map<Long, Map<String, Double>> referenceLosses = Runs.metrics(REFERENCE).stream()
                .collect(Collectors.toMap(TrainingMetricEvent::step, TrainingMetricEvent::values));
        for (TrainingMetricEvent m : metrics) {
            assertEquals(referenceLosses.get(m.step()), m.values(), "losses at step " + m.step());
        }

        assertEquals(List.of(10L, 20L), Runs.checkpoints(runId).stream().map(CheckpointEvent::step).toList(),
                "the checkpoint its previous owner never announced is announced on resuming");
        CheckpointEvent resumedLast = Runs.checkpoints(runId).stream().filter(c -> c.step() == 20).findFirst()
                .orElseThrow();
        assertTrue(resumedLast.last());
        Runs.assertStoredAsAnnounced(store, resumedLast);
        assertEquals(CheckpointCopies.checksumsByName(atTwenty), CheckpointCopies.checksumsByName(resumedLast),
                "parameters and optimizer state after the resumed run equal the uninterrupted run's, bit for bit");
    }

    /**
     * A trainer killed after announcing checkpoint 10 and publishing the metrics of step 15: the next one
     * resumes from checkpoint 10 and publishes neither again.
     */
    @Test
    void aResumedRunPublishesOnlyWhatItsPredecessorHadNot() {
        String runId = "resume-after-announced-checkpoint";
        CheckpointEvent atTen = Runs.checkpoints(REFERENCE).stream().filter(c -> c.step() == 10).findFirst().orElseThrow();
        TrainingMetricEvent atFifteen = Runs.metrics(REFERENCE).stream().filter(m -> m.step() == 15).findFirst()
                .orElseThrow();
        RunSpec spec = atTen.spec().withRunId(runId);
        CheckpointEvent copy = CheckpointCopies.copyAs(store, bucket, atTen, spec);
        Kafka.send(Topics.CHECKPOINTS, runId, EventJson.write(copy));
        Kafka.send(Topics.TRAINING_METRICS, runId, EventJson.write(new TrainingMetricEvent(TrainingMetricEvent.SCHEMA,
                runId, atFifteen.group(), 15, atFifteen.values(), atFifteen.imagesPerSecond(), atFifteen.at())));

        Kafka.send(Topics.RUN_REQUESTS, runId, EventJson.write(spec));

        Runs.awaitTerminal(runId, Duration.ofMinutes(3));
        assertEquals(List.of(10L, 20L), Runs.checkpoints(runId).stream().map(CheckpointEvent::step).toList(),
                "one checkpoint event per step");
        assertEquals(List.of(15L, 20L), Runs.metrics(runId).stream().map(TrainingMetricEvent::step).toList(),
                "one metrics event per step");
    }

    /**
     * A trainer that recorded a run's end but died before acknowledging its request: the request
     * comes again, and the next trainer announces the recorded end again instead of training.
     */
    @Test
    void aRedeliveredRequestOfARunThatEndedAnnouncesItsEndAgain() {
        String runId = "ended-before-ack";
        RunSpec spec = Runs.checkpoints(REFERENCE).get(0).spec().withRunId(runId);
        store.putVerified(bucket, runId + "/spec.json", EventJson.write(spec), "application/json");
        store.putVerified(bucket, runId + "/final.json", EventJson.write(new RunEvent(RunEvent.SCHEMA, runId,
                State.finished, spec.steps(), null, spec, Instant.now())), "application/json");

        Kafka.send(Topics.RUN_REQUESTS, runId, EventJson.write(spec));

        List<RunEvent> events = Kafka.await(Topics.RUN_EVENTS, runId, RunEvent.class, Duration.ofMinutes(2),
                found -> !found.isEmpty());
        assertEquals(List.of(State.finished), events.stream().map(RunEvent::state).toList());
        assertEquals(List.of(), Runs.metrics(runId));
        assertEquals(List.of(), Runs.checkpoints(runId));
    }
}
