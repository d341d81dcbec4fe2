package dev.aegan.trainer.messaging;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicEnds;
import dev.aegan.trainer.runs.ActiveRuns;
import dev.aegan.trainer.runs.QueuedAnnouncer;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
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
    private final TopicEnds ends;

    RunRequestRebalance(ActiveRuns active, QueuedAnnouncer announcer, KafkaClientSettings kafka) {
        this.active = active;
        this.announcer = announcer;
        this.ends = new TopicEnds(kafka, Map.of(), Duration.ofSeconds(30));
    }

    @PreDestroy
    void close() {
        ends.close();
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        active.assigned(partitions);
        if (partitions.isEmpty()) {
            // the cooperative assignor calls in after every rebalance, mostly with nothing new
            return;
        }
        Map<TopicPartition, Long> from = new HashMap<>();
        for (TopicPartition partition : partitions) {
            from.put(partition, position(consumer, partition));
        }
        announcer.assigned(from, runEventsEnd());
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

    private Map<Integer, Long> runEventsEnd() {
        try {
            Map<Integer, Long> byPartition = new HashMap<>();
            ends.of(Topics.RUN_EVENTS).forEach((partition, end) -> byPartition.put(partition.partition(), end));
            return byPartition;
        } catch (RuntimeException e) {
            Log.warnf("%s; announcing without reading it first", e.getMessage());
            return Map.of();
        }
    }
}
