package dev.aegan.gallery;

import dev.aegan.contracts.DeadLetterHeaders;
import dev.aegan.contracts.IngestHeaders;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.infra.RebalancingMember;
import dev.aegan.infra.RecordPublisher;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gallery's consumer groups commit nothing, so a rebalance sends them back to the beginning of
 * their topics (as a broker stall that revokes every member does): what they deliver again must
 * change nothing. And what a producer's aborted transaction wrote is never shown.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class GalleryRebalanceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void recordsDeliveredAgainAfterARebalanceAreNotCountedOrDrawnTwice() {
        String dataset = "rebalance-data";
        String run = "rebalance-run";
        try (RecordPublisher records = new RecordPublisher(bootstrapServers())) {
            for (int i = 0; i < 3; i++) {
                sendDeadLetter(dataset);
            }
            for (int step = 1; step <= 5; step++) {
                records.sendEvent(Topics.TRAINING_METRICS, run, metric(run, step));
            }
            awaitRejections(dataset, 3);
            awaitPoints(run, 5);

            rebalance("gallery-rejections-", Topics.INGEST_DEAD_LETTER);
            rebalance("gallery-metrics-", Topics.TRAINING_METRICS);

            // records of a partition are applied in order: once these are shown, the replay before them is done
            sendDeadLetter(dataset + "-after");
            records.sendEvent(Topics.TRAINING_METRICS, run + "-after", metric(run + "-after", 1));
            awaitRejections(dataset + "-after", 1);
            awaitPoints(run + "-after", 1);
        }
        assertEquals(3, rejections(dataset), "rejections of " + dataset);
        assertEquals(5, points(run), "loss points of " + run);
        assertEquals(List.of(1, 2, 3, 4, 5), given().get("/api/runs/" + run + "/metrics").jsonPath()
                .getList("series[0].steps", Integer.class));
    }

    @Test
    void evaluationsOfAnAbortedTransactionAreNeverShown() throws Exception {
        String run = "aborted-evaluations-run";
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", bootstrapServers(), "transactional.id", "gallery-test-aborting"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.EVALUATIONS, run, EventJson.write(evaluation(run, "fid", 99))))
                    .get();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(Topics.EVALUATIONS, run, EventJson.write(evaluation(run, "kid", 0.5))));
            producer.commitTransaction();
        }
        // the aborted record comes first on the partition: once the committed one is shown, it was passed over
        JsonPath shown = TestPlatform.await("the committed evaluation", TIMEOUT, () -> {
            var response = given().get("/api/runs/" + run + "/evaluations");
            return response.statusCode() == 200 && response.jsonPath().getList("metric").contains("kid")
                    ? response.jsonPath() : null;
        });
        assertEquals(List.of("kid"), shown.getList("metric"));
    }

    /** Joins the gallery's own group of {@code topic} and leaves it again: two rebalances. */
    private static void rebalance(String groupPrefix, String topic) {
        String group = activeGroup(groupPrefix);
        try (RebalancingMember member = RebalancingMember.join(bootstrapServers(), group, topic, TIMEOUT)) {
            // joined: every partition of the group was revoked and assigned again; leaving does it once more
        }
    }

    /** The group of the running gallery: the one whose id starts with {@code prefix} and has members. */
    private static String activeGroup(String prefix) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
            List<String> ids = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .filter(id -> id.startsWith(prefix)).toList();
            List<String> active = admin.describeConsumerGroups(ids).all().get().values().stream()
                    .filter(d -> !d.members().isEmpty()).map(ConsumerGroupDescription::groupId).toList();
            assertEquals(1, active.size(), "active groups " + active + " among " + ids);
            return active.get(0);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static void sendDeadLetter(String dataset) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> rejected = new ProducerRecord<>(Topics.INGEST_DEAD_LETTER, "img",
                    new byte[] {1, 2, 3});
            rejected.headers().add(IngestHeaders.DATASET, dataset.getBytes(StandardCharsets.UTF_8));
            rejected.headers().add(DeadLetterHeaders.REASON_CODE, "UNDECODABLE_IMAGE".getBytes(StandardCharsets.UTF_8));
            producer.send(rejected).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }

    private static TrainingMetricEvent metric(String run, long step) {
        return new TrainingMetricEvent(TrainingMetricEvent.SCHEMA, run, null, step, Map.of("vae/loss", 1.0 / step), 100,
                Instant.now());
    }

    private static EvaluationEvent evaluation(String run, String metric, double value) {
        return new EvaluationEvent(EvaluationEvent.SCHEMA, run, null, 10, metric, value, "pixels", 100,
                "metrics-service", Instant.now());
    }

    private static void awaitRejections(String dataset, int count) {
        TestPlatform.await(count + " rejection(s) of " + dataset, TIMEOUT,
                () -> rejections(dataset) == count ? true : null);
    }

    private static int rejections(String dataset) {
        Integer rejected = given().get("/api/datasets").jsonPath().get("find { it.name == '" + dataset + "' }.rejected");
        return rejected == null ? 0 : rejected;
    }

    private static void awaitPoints(String run, int count) {
        TestPlatform.await(count + " loss point(s) of " + run, TIMEOUT, () -> points(run) == count ? true : null);
    }

    private static int points(String run) {
        var response = given().get("/api/runs/" + run + "/metrics");
        return response.statusCode() == 200 ? response.jsonPath().getList("series[0].steps").size() : 0;
    }

    private static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
