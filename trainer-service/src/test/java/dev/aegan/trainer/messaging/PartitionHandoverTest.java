package dev.aegan.trainer.messaging;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunEvent.State;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.trainer.support.Kafka;
import dev.aegan.trainer.support.Runs;
import dev.aegan.trainer.support.TestDatasets;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replicas share runs.requests through the consumer group {@code trainer}. When a partition moves
 * to another replica, the run that came from it checkpoints and lets go; whoever owns the
 * partition next resumes it from that checkpoint. The other replica is played by a plain
 * consumer joining the group, which never commits: when it leaves, the request comes back.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class PartitionHandoverTest {
    @Test
    void aRunWhosePartitionMovesCheckpointsAndIsResumedByTheNextOwner() {
        Set<Integer> movable;
        int partitions;
        try (GroupMember probe = GroupMember.join()) {
            movable = probe.partitions();
            partitions = probe.partitionCount();
        }
        String runId = idOnOneOf(movable, partitions);
        int partition = partitionOf(runId, partitions);
        Runs.post("{\"runId\":\"" + runId + "\",\"model\":\"vae\",\"dataset\":\"" + TestDatasets.fashion()
                + "\",\"steps\":100000,\"batchSize\":8,\"checkpointEvery\":100000}");
        Kafka.await(Topics.TRAINING_METRICS, runId, TrainingMetricEvent.class, Duration.ofMinutes(3), m -> !m.isEmpty());

        long handedOverAt;
        try (GroupMember other = GroupMember.join()) {
            assertTrue(other.partitions().contains(partition),
                    "the second member should take partition " + partition + " again, got " + other.partitions());
            List<RunEvent> events = Runs.events(runId);
            RunEvent last = events.get(events.size() - 1);
            assertEquals(State.checkpointed, last.state(), "the run checkpoints before its partition moves: " + events);
            assertTrue(events.stream().noneMatch(e -> e.state().terminal()), events.toString());
            handedOverAt = last.step();
            given().when().get("/runs/" + runId).then().statusCode(200).body("live", nullValue());
        }

        List<RunEvent> events = Kafka.await(Topics.RUN_EVENTS, runId, RunEvent.class, Duration.ofMinutes(2),
                found -> found.stream().anyMatch(e -> e.state() == State.resumed));
        RunEvent resumed = events.stream().filter(e -> e.state() == State.resumed).findFirst().orElseThrow();
        assertEquals(handedOverAt, resumed.step());

        given().when().post("/runs/" + runId + "/stop").then().statusCode(202);
        List<RunEvent> ended = Runs.awaitTerminal(runId, Duration.ofMinutes(1));
        assertEquals(State.stopped, ended.get(ended.size() - 1).state());
        assertTrue(ended.get(ended.size() - 1).step() >= handedOverAt);
    }

    /** The default partitioner's choice for a keyed record. */
    private static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static String idOnOneOf(Set<Integer> wanted, int partitions) {
        for (int i = 0; ; i++) {
            String id = "handover-" + i;
            if (wanted.contains(partitionOf(id, partitions))) {
                return id;
            }
        }
    }

    /** A second member of the trainers' consumer group that takes partitions but never commits. */
    private static final class GroupMember implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;

        private GroupMember(KafkaConsumer<String, String> consumer) {
            this.consumer = consumer;
        }

        static GroupMember join() {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.bootstrapServers());
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "trainer");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
            KafkaConsumer<String, String> consumer =
                    new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of(Topics.RUN_REQUESTS));
            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            while (consumer.assignment().isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    consumer.close();
                    throw new AssertionError("no partition of " + Topics.RUN_REQUESTS + " came to the second member");
                }
                consumer.poll(Duration.ofMillis(200));
            }
            return new GroupMember(consumer);
        }

        Set<Integer> partitions() {
            return consumer.assignment().stream().map(TopicPartition::partition).collect(Collectors.toSet());
        }

        int partitionCount() {
            return consumer.partitionsFor(Topics.RUN_REQUESTS).size();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
