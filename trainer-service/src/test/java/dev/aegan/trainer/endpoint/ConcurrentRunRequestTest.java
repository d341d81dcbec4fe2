package dev.aegan.trainer.endpoint;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunEvent.State;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.store.ArtifactStore;
import dev.aegan.trainer.support.Kafka;
import dev.aegan.trainer.support.RunRace;
import dev.aegan.trainer.support.Runs;
import dev.aegan.trainer.support.TestDatasets;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One run id, one run: of requests racing for one id, on REST or straight onto runs.requests,
 * exactly one is the run, and the others neither train nor touch its state.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class ConcurrentRunRequestTest {

    @TestHTTPResource("/runs")
    URI runs;

    @Inject
    MeterRegistry meters;

    @Inject
    ArtifactStore store;

    @ConfigProperty(name = "aegan.trainer.checkpoint-bucket")
    String bucket;

    @BeforeAll
    static void dataset() {
        TestDatasets.fashion();
    }

    private double duplicatesSkipped() {
        return meters.counter("aegan.trainer.duplicate.requests").count();
    }

    @Test
    void tenConcurrentPostsWithOneRunIdGiveOne202AndOneRunOfItsSpec() throws Exception {
        String runId = "raced-run";
        double skippedBefore = duplicatesSkipped();
        List<String> bodies = IntStream.range(0, 10).mapToObj(i -> RunRace.spec(runId, i % 2)).toList();
        RunRace.warmUp(runs, LocalInfraTestResource.apiTokens().trainer());

        RunSpec accepted = RunRace.exactlyOneAccepted(RunRace.post(Collections.nCopies(10, runs), bodies, LocalInfraTestResource.apiTokens().trainer()));

        RunRace.assertTrainedOnce(accepted, this::duplicatesSkipped, skippedBefore);
        RunSpec stored = EventJson.read(store.get(bucket, runId + "/spec.json").orElseThrow(), RunSpec.class);
        assertEquals(EventJson.MAPPER.valueToTree(accepted), EventJson.MAPPER.valueToTree(stored));
    }

    /** A user's producer that sends one id twice: the first record is the run, the second is skipped. */
    @Test
    void aSecondRecordWithTheSameKeyOnTheTopicIsSkipped() {
        String runId = "produced-twice";
        double skippedBefore = duplicatesSkipped();
        Kafka.send(Topics.RUN_REQUESTS, runId, RunRace.spec(runId, 0));
        Kafka.send(Topics.RUN_REQUESTS, runId, RunRace.spec(runId, 1));

        List<RunEvent> events = Runs.awaitTerminal(runId, Duration.ofMinutes(3));
        RunSpec first = events.get(0).spec();
        assertEquals(0, first.seed(), "the first record is the run");
        RunRace.assertTrainedOnce(first, this::duplicatesSkipped, skippedBefore);
    }

    /**
     * Records without a key that name one run id in their body may land on different partitions;
     * the trainer puts each back keyed by that id, so they are ordered like any other request.
     */
    @Test
    void unkeyedRecordsNamingOneRunIdOnDifferentPartitionsGiveOneRun() {
        String runId = "unkeyed-twice";
        double skippedBefore = duplicatesSkipped();
        Kafka.send(Topics.RUN_REQUESTS, 0, null, RunRace.spec(runId, 0));
        Kafka.send(Topics.RUN_REQUESTS, 1, null, RunRace.spec(runId, 1));

        List<RunEvent> events = Runs.awaitTerminal(runId, Duration.ofMinutes(3));
        assertEquals(State.queued, events.get(0).state());
        RunRace.assertTrainedOnce(events.get(0).spec(), this::duplicatesSkipped, skippedBefore);
    }
}
