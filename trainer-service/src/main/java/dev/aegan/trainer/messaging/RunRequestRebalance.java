package dev.aegan.trainer.messaging;

import dev.aegan.contracts.Topics;
import dev.aegan.trainer.runs.ActiveRuns;
import dev.aegan.trainer.runs.QueuedAnnouncer;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@link ActiveRuns} and {@link QueuedAnnouncer} in step with the partitions of
 * runs.requests this replica owns. When a partition moves to another replica, the runs that came
 * from it checkpoint and let go before the rebalance completes, so the new owner resumes them
 * rather than training them alongside.
 */
@ApplicationScoped
@Identifier(RunRequestRebalance.NAME)
public class RunRequestRebalance implements KafkaConsumerRebalanceListener {
    public static final String NAME = "run-requests-rebalance";

    private final ActiveRuns active;
    private final QueuedAnnouncer announcer;

    RunRequestRebalance(ActiveRuns active, QueuedAnnouncer announcer) {
        this.active = active;
        this.announcer = announcer;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        active.assigned(partitions);
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition partition : partitions) {
            from.put(partition, position(consumer, partition));
        }
        announcer.assigned(from, runEventsEnd(consumer));
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        announcer.revoked(partitions);
        active.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        announcer.revoked(partitions);
        active.revoked(partitions);
    }

    /** Where the work consumer starts reading: records before it are done. */
    private static long position(Consumer<?, ?> consumer, TopicPartition partition) {
        try {
            return consumer.position(partition);
        } catch (RuntimeException e) {
            Log.warnf("could not learn where %s resumes (%s); announcing every waiting run of it", partition,
                    e.getMessage());
            return 0;
        }
    }

    private static Map<Integer, Long> runEventsEnd(Consumer<?, ?> consumer) {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RUN_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            Map<Integer, Long> end = new HashMap<>();
            consumer.endOffsets(partitions).forEach((partition, offset) -> end.put(partition.partition(), offset));
            return end;
        } catch (RuntimeException e) {
            Log.warnf("could not learn where %s ends (%s); announcing without reading it first", Topics.RUN_EVENTS,
                    e.getMessage());
            return Map.of();
        }
    }
}
