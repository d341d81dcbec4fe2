package dev.aegan.gallery.messaging;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.replay.AppliedOffsets;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ready once the gallery has applied every committed record its topics held when it was first
 * asked: before that, its API would answer with a partial past (no runs, short series). The
 * targets are the topics' last stable offsets; a partition whose applied offset is short of its
 * target is caught up when nothing but transaction markers or aborted records lie in between, which a
 * look with a committed-only consumer tells. Once rebuilt, the state stays rebuilt: records after
 * that are live updates.
 */
@Readiness
@ApplicationScoped
public class ReplayProgress implements HealthCheck {
    static final List<String> TOPICS = List.of(Topics.DATASET_EVENTS, Topics.INGEST_DEAD_LETTER, Topics.RUN_EVENTS,
            Topics.TRAINING_METRICS, Topics.CHECKPOINTS, Topics.EVALUATIONS, Topics.STUDY_EVENTS);
    private static final Duration LOOK = Duration.ofSeconds(2);

    private final AppliedOffsets applied = new AppliedOffsets();
    private final KafkaClientSettings kafka;
    private KafkaConsumer<byte[], byte[]> looker;
    private Map<TopicPartition, Long> targets;
    private volatile boolean rebuilt;

    ReplayProgress(KafkaClientSettings kafka) {
        this.kafka = kafka;
    }

    AppliedOffsets applied() {
        return applied;
    }

    @Override
    public synchronized HealthCheckResponse call() {
        var response = HealthCheckResponse.named("gallery-state");
        if (rebuilt) {
            return response.up().build();
        }
        try {
            if (looker == null) {
                looker = new KafkaConsumer<>(kafka.forClient(Map.of(
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer());
            }
            if (targets == null) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : TOPICS) {
                    looker.partitionsFor(topic, LOOK).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
                targets = looker.endOffsets(partitions, LOOK);
            }
            List<String> behind = new ArrayList<>();
            for (Map.Entry<TopicPartition, Long> target : targets.entrySet()) {
                if (!caughtUp(target.getKey(), target.getValue())) {
                    behind.add(target.getKey() + " (" + applied.next(target.getKey().topic(), target.getKey().partition())
                            + " of " + target.getValue() + ")");
                }
            }
            if (behind.isEmpty()) {
                rebuilt = true;
                looker.close();
                looker = null;
                return response.up().build();
            }
            return response.down().withData("replaying", String.join(", ", behind)).build();
        } catch (RuntimeException e) {
            return response.down().withData("reason", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
        }
    }

    private boolean caughtUp(TopicPartition partition, long target) {
        long next = applied.next(partition.topic(), partition.partition());
        if (next >= target) {
            return true;
        }
        looker.assign(List.of(partition));
        looker.seek(partition, next);
        Instant deadline = Instant.now().plus(LOOK);
        while (looker.position(partition, LOOK) < target) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            for (ConsumerRecord<byte[], byte[]> record : looker.poll(Duration.ofMillis(200))) {
                if (record.offset() < target) {
                    return false;
                }
            }
        }
        return true;
    }

    @PreDestroy
    synchronized void close() {
        if (looker != null) {
            looker.close();
        }
    }
}
