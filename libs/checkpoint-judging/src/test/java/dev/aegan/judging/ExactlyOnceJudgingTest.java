package dev.aegan.judging;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.infra.RebalancingMember;
import dev.aegan.infra.RecordPublisher;
import dev.aegan.judging.standin.GatedJudge;
import dev.aegan.judging.standin.StandInRecords;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each (run, step, metric, producer) is published once, on a real broker, whatever happens to the
 * checkpoint records: the same checkpoint announced twice, a predecessor that published and died
 * before committing, an aborted transaction, a rebalance while a checkpoint is being judged.
 * Records of the checkpoints partition are handled in order, so once a later checkpoint's
 * evaluations are on the topic, every record before it is done with.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class ExactlyOnceJudgingTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** The checkpoints group of this module's test application (src/test/resources/application.properties). */
    private static final String GROUP = "judging-test";

    @Inject
    GatedJudge judge;

    @Test
    void aCheckpointAnnouncedTwiceIsJudgedAndPublishedOnce() {
        RunSpec spec = spec("twice-announced");
        try (RecordPublisher records = new RecordPublisher(bootstrapServers())) {
            records.sendEvent(Topics.CHECKPOINTS, spec.runId(), checkpoint(spec, 1));
            records.sendEvent(Topics.CHECKPOINTS, spec.runId(), checkpoint(spec, 1));
            records.sendEvent(Topics.CHECKPOINTS, spec.runId(), checkpoint(spec, 2));
        }
        awaitEvaluations(spec.runId(), 2);

        assertEquals(1, judge.judgements(spec.runId(), 1));
        assertExactlyOnce(spec.runId(), 1, 1.0);
        assertExactlyOnce(spec.runId(), 2, 2.0);
        List<EvaluationEvent> listed = given().queryParam("runId", spec.runId()).get("/evaluations").then()
                .statusCode(200).extract().as(new TypeRef<List<EvaluationEvent>>() { });
        assertEquals(4, listed.size(), listed.toString());
    }

    /** What an at-least-once service did when it died between publishing and committing the checkpoint's offset. */
    @Test
    void aCheckpointWhoseEvaluationsArePublishedAlreadyIsNotJudgedAgain() {
        RunSpec spec = spec("published-before-crash");
        CheckpointEvent first = checkpoint(spec, 1);
        try (RecordPublisher records = new RecordPublisher(bootstrapServers())) {
            for (String metric : GatedJudge.METRICS) {
                records.sendEvent(Topics.EVALUATIONS, spec.runId(), GatedJudge.evaluation(first, metric, 1.0));
            }
            records.sendEvent(Topics.CHECKPOINTS, spec.runId(), first);
            records.sendEvent(Topics.CHECKPOINTS, spec.runId(), checkpoint(spec, 2));
        }
        awaitEvaluations(spec.runId(), 2);

        assertEquals(0, judge.judgements(spec.runId(), 1));
        assertExactlyOnce(spec.runId(), 1, 1.0);
    }

    /** A service that died inside its transaction: the broker aborts it, and the checkpoint is judged as if never seen. */
    @Test
    void evaluationsOfAnAbortedTransactionDoNotCountAsPublished() throws Exception {
        RunSpec spec = spec("aborted-before");
        CheckpointEvent first = checkpoint(spec, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                bootstrapServers(), "transactional.id", "judging-test-aborting"), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (String metric : GatedJudge.METRICS) {
                producer.send(new ProducerRecord<>(Topics.EVALUATIONS, spec.runId(),
                        EventJson.write(GatedJudge.evaluation(first, metric, -1.0)))).get();
            }
            producer.abortTransaction();
        }
        try (RecordPublisher records = new RecordPublisher(bootstrapServers())) {
            records.sendEvent(Topics.CHECKPOINTS, spec.runId(), first);
        }
        awaitEvaluations(spec.runId(), 1);

        assertEquals(1, judge.judgements(spec.runId(), 1));
        assertExactlyOnce(spec.runId(), 1, 1.0);
    }

    /**
     * The issue's case: the group rebalances while a checkpoint is being judged (a broker stall
     * revokes every member), and the record comes again. The judgement in flight must not be
     * published next to the one made after the record came back.
     */
    @Test
    void aRebalanceWhileJudgingLeadsToOnePublicationOnly() throws Exception {
        RunSpec spec = spec("rebalanced-while-judging");
        GatedJudge.Gate gate = judge.hold(spec.runId());
        try (RecordPublisher records = new RecordPublisher(bootstrapServers())) {
            records.sendEvent(Topics.CHECKPOINTS, spec.runId(), checkpoint(spec, 1));
            gate.awaitEntered(TIMEOUT);
            try (RebalancingMember member = RebalancingMember.join(bootstrapServers(), GROUP, Topics.CHECKPOINTS,
                    TIMEOUT)) {
                gate.open();
            }
            records.sendEvent(Topics.CHECKPOINTS, spec.runId(), checkpoint(spec, 2));
        }
        awaitEvaluations(spec.runId(), 2);

        assertTrue(judge.judgements(spec.runId(), 1) >= 2,
                "the record came again after the rebalance: judged " + judge.judgements(spec.runId(), 1) + " time(s)");
        assertExactlyOnce(spec.runId(), 1, 1.0);
        assertExactlyOnce(spec.runId(), 2, 2.0);
    }

    private void assertExactlyOnce(String runId, long step, double a) {
        List<EvaluationEvent> published = StandInRecords.evaluations(runId, step);
        assertEquals(GatedJudge.METRICS, published.stream().map(EvaluationEvent::metric).sorted().toList(),
                "one evaluation per metric of " + runId + "@" + step + ": " + published);
        assertEquals(a, published.stream().filter(e -> e.metric().equals("a")).findFirst().orElseThrow().value());
    }

    private static void awaitEvaluations(String runId, long step) {
        StandInRecords.awaitEvaluations(runId, step, TIMEOUT);
    }

    /** A run whose every checkpoint is judged: the checkpoints these tests send in a row are none of them stale. */
    private static RunSpec spec(String runId) {
        return new RunSpec(RunSpec.SCHEMA, runId, null, "vae", "judging-data", 7, 100, 16, 1, Map.of(),
                RunSpec.JUDGING_EVERY);
    }

    private static CheckpointEvent checkpoint(RunSpec spec, long step) {
        return StandInRecords.checkpoint(spec, step, false);
    }

    private static String bootstrapServers() {
        return StandInRecords.bootstrapServers();
    }
}
