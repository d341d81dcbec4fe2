package dev.aegan.trainer.messaging;

import dev.aegan.trainer.runs.ActiveRuns;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;

/**
 * Keeps {@link ActiveRuns} in step with the partitions of runs.requests this replica owns. When a
 * partition moves to another replica, the runs that came from it checkpoint and let go before the
 * rebalance completes, so the new owner resumes them rather than training them alongside.
 */
@ApplicationScoped
@Identifier(RunRequestRebalance.NAME)
public class RunRequestRebalance implements KafkaConsumerRebalanceListener {
    public static final String NAME = "run-requests-rebalance";

    private final ActiveRuns active;

    RunRequestRebalance(ActiveRuns active) {
        this.active = active;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        active.assigned(partitions);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        active.revoked(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        active.revoked(partitions);
    }
}
