package dev.aegan.trainer.runs;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.DataSeen;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunEvent.State;
import dev.aegan.contracts.events.RunSpec;
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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A run that follows its dataset takes in the images appended while it trains from a checkpoint
 * step on, records that in its checkpoints, and a run resumed from a checkpoint before or at that
 * step (as a replica killed there leaves it) ends bit for bit where the uninterrupted run ended.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class FollowResumeTest {
    private static final String DATASET = "follow-small";
    private static final String REFERENCE = "follow-reference";

    @Inject
    ArtifactStore store;

    @ConfigProperty(name = "aegan.trainer.checkpoint-bucket")
    String bucket;

    @Test
    void aResumedRunTakesInTheSameArrivalAtTheSameStepAndMatchesTheUninterruptedRun() {
        TestDatasets.create(DATASET, 60, 12);
        Runs.post("{\"runId\":\"" + REFERENCE + "\",\"model\":\"vae\",\"dataset\":\"" + DATASET + "\",\"seed\":3,"
                + "\"steps\":80,\"batchSize\":16,\"checkpointEvery\":10,\"follow\":true,"
                + "\"hyperparameters\":{\"latentDim\":8}}");
        Kafka.await(Topics.RUN_EVENTS, REFERENCE, RunEvent.class, Duration.ofMinutes(3),
                found -> found.stream().anyMatch(e -> e.state() == State.checkpointed));
        TestDatasets.extend(DATASET, 72, 60, 120, 12);
        Runs.awaitTerminal(REFERENCE, Duration.ofMinutes(3));

        List<CheckpointEvent> reference = Runs.checkpoints(REFERENCE);
        CheckpointEvent last = reference.get(reference.size() - 1);
        List<DataSeen.DataArrival> arrivals = last.dataSeen().arrivals();
        assertEquals(2, arrivals.size(), "the start and one arrival: " + arrivals);
        assertEquals(new DataSeen.DataArrival(0, Map.of("train", 60L, "heldout", 12L)), arrivals.get(0));
        long arrival = arrivals.get(1).step();
        assertEquals(Map.of("train", 120L, "heldout", 12L), arrivals.get(1).countsBySplit());
        assertTrue(arrival > 10 && arrival < 80 && arrival % 10 == 0, "arrival at a later checkpoint step: " + arrival);
        for (CheckpointEvent checkpoint : reference) {
            long seen = checkpoint.dataSeen().countsBySplit().get("train");
            assertEquals(checkpoint.step() >= arrival ? 120L : 60L, seen, "images seen by checkpoint " + checkpoint.step());
        }

        assertResumedRunMatches(checkpointAt(reference, arrival - 10), "follow-from-before", last);
        assertResumedRunMatches(checkpointAt(reference, arrival), "follow-from-arrival", last);
    }

    private void assertResumedRunMatches(CheckpointEvent from, String runId, CheckpointEvent referenceLast) {
        RunSpec spec = from.spec().withRunId(runId);
        CheckpointCopies.copyAs(store, bucket, from, spec);
        Kafka.send(Topics.RUN_REQUESTS, runId, EventJson.write(spec));
        assertEquals(State.finished, Runs.awaitTerminal(runId, Duration.ofMinutes(3)).stream()
                .map(RunEvent::state).reduce((a, b) -> b).orElseThrow());
        List<CheckpointEvent> resumed = Runs.checkpoints(runId);
        CheckpointEvent last = resumed.get(resumed.size() - 1);
        assertEquals(referenceLast.dataSeen(), last.dataSeen(), "resumed at step " + from.step());
        assertEquals(CheckpointCopies.checksumsByName(referenceLast), CheckpointCopies.checksumsByName(last),
                "parameters and optimizer state resumed at step " + from.step() + " equal the uninterrupted run's");
    }

    private static CheckpointEvent checkpointAt(List<CheckpointEvent> checkpoints, long step) {
        return checkpoints.stream().filter(c -> c.step() == step).findFirst().orElseThrow();
    }
}
