package dev.aegan.judging;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.JudgingLag;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.infra.RecordPublisher;
import dev.aegan.judging.domain.SkippedCheckpoint;
import dev.aegan.judging.standin.GatedJudge;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.aegan.judging.standin.StandInRecords.awaitEvaluations;
import static dev.aegan.judging.standin.StandInRecords.bootstrapServers;
import static dev.aegan.judging.standin.StandInRecords.checkpoint;
import static dev.aegan.judging.standin.StandInRecords.evaluations;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A judge slower than the trainer, on a real broker: while it judges one checkpoint of a run (the
 * test holds the judgement), newer ones arrive; the stale ones are skipped with their reason and the
 * newest and the final ones are judged, unless the run asked for every checkpoint to be judged.
 * Every published evaluation says how far behind the trainer the judge was.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class KeepingUpJudgingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Inject
    GatedJudge judge;

    @Test
    void staleCheckpointsAreSkippedAsSupersededWhileTheNewestAndTheFinalAreJudged() throws Exception {
        RunSpec spec = spec("keeping-up", RunSpec.JUDGING_NEWEST);
        sendWhileJudging(spec, 1, List.of(2L, 3L), false);
        awaitEvaluations(spec.runId(), 3, TIMEOUT);
        sendWhileJudging(spec, 4, List.of(5L, 6L), true);
        awaitEvaluations(spec.runId(), 6, TIMEOUT);

        assertEquals(Map.of(1L, 1, 2L, 0, 3L, 1, 4L, 1, 5L, 0, 6L, 1), judgements(spec.runId(), 6));
        assertEquals(List.of(), evaluations(spec.runId(), 2));
        assertEquals(List.of(), evaluations(spec.runId(), 5));
        assertEquals(List.of("5 SUPERSEDED superseded by step 6", "2 SUPERSEDED superseded by step 3"),
                skipped(spec.runId()));

        // step 1 was published once steps 2 and 3 were announced; steps 3 and 6 were the newest when published
        assertLag(spec.runId(), 1, 2);
        assertLag(spec.runId(), 3, 0);
        assertLag(spec.runId(), 6, 0);
    }

    @Test
    void aRunThatAsksForEveryCheckpointHasEachOneJudged() throws Exception {
        RunSpec spec = spec("judged-every", RunSpec.JUDGING_EVERY);
        sendWhileJudging(spec, 1, List.of(2L, 3L), true);
        awaitEvaluations(spec.runId(), 3, TIMEOUT);

        assertEquals(Map.of(1L, 1, 2L, 1, 3L, 1), judgements(spec.runId(), 3));
        assertEquals(List.of(), skipped(spec.runId()));
        assertLag(spec.runId(), 1, 2);
        assertLag(spec.runId(), 2, 1);
        assertLag(spec.runId(), 3, 0);
    }

    /** A checkpoint the judge passes over by its own settings (metrics-service's evaluate-every) supersedes nothing. */
    @Test
    void onlyCheckpointsTheJudgeIsDueToJudgeSupersede() throws Exception {
        RunSpec spec = spec("partly-due", RunSpec.JUDGING_NEWEST);
        judge.passOver(spec.runId(), 3);
        sendWhileJudging(spec, 1, List.of(2L, 3L), false);
        awaitEvaluations(spec.runId(), 2, TIMEOUT);

        assertEquals(Map.of(1L, 1, 2L, 1), judgements(spec.runId(), 2));
        assertEquals(List.of(), skipped(spec.runId()));
        assertLag(spec.runId(), 2, 1);
    }

    /** Sends the checkpoint at {@code held}, and the ones at {@code newer} while it is being judged; then lets the judge go on. */
    private void sendWhileJudging(RunSpec spec, long held, List<Long> newer, boolean lastIsFinal)
            throws InterruptedException {
        GatedJudge.Gate gate = judge.hold(spec.runId());
        try (RecordPublisher records = new RecordPublisher(bootstrapServers())) {
            records.sendEvent(Topics.CHECKPOINTS, spec.runId(), checkpoint(spec, held, false));
            gate.awaitEntered(TIMEOUT);
            for (long step : newer) {
                boolean last = lastIsFinal && step == newer.get(newer.size() - 1);
                records.sendEvent(Topics.CHECKPOINTS, spec.runId(), checkpoint(spec, step, last));
            }
        }
        gate.open();
    }

    /** The run's skipped checkpoints, newest first, as "step reason message". */
    private static List<String> skipped(String runId) {
        return given().get("/evaluations/skipped").then().statusCode(200).extract()
                .as(new TypeRef<List<SkippedCheckpoint>>() { }).stream()
                .filter(s -> runId.equals(s.runId()))
                .map(s -> s.step() + " " + s.reason() + " " + s.message())
                .toList();
    }

    private Map<Long, Integer> judgements(String runId, long lastStep) {
        Map<Long, Integer> judgements = new TreeMap<>();
        for (long step = 1; step <= lastStep; step++) {
            judgements.put(step, judge.judgements(runId, step));
        }
        return judgements;
    }

    private static void assertLag(String runId, long step, long steps) {
        List<EvaluationEvent> published = evaluations(runId, step);
        assertEquals(GatedJudge.METRICS.size(), published.size(), published.toString());
        for (EvaluationEvent evaluation : published) {
            JudgingLag lag = evaluation.lag();
            assertEquals(steps, lag.steps(), evaluation.toString());
            assertTrue(lag.seconds() >= 0, evaluation.toString());
        }
    }

    private static RunSpec spec(String runId, String judging) {
        return new RunSpec(RunSpec.SCHEMA, runId, null, "vae", "judging-data", 7, 100, 16, 1, Map.of(), judging);
    }
}
