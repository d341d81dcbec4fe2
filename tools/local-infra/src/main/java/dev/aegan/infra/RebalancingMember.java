package dev.aegan.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A consumer that joins a service's consumer group, which forces a real rebalance of the group:
 * with the classic protocol's range assignment every member's partitions are revoked and assigned
 * anew, and the group's generation changes. Closing it leaves the group, a second rebalance that
 * gives its partitions back. It commits nothing, so the group's committed offsets stay as they were.
 */
public final class RebalancingMember implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;

    private RebalancingMember(KafkaConsumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /** Joins {@code group} on {@code topic} and returns once the rebalance this caused is complete. */
    public static RebalancingMember join(String bootstrapServers, String group, String topic, Duration timeout) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        AtomicBoolean rebalanced = new AtomicBoolean();
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // called at the end of every completed rebalance, with no partition when the others kept them all
                rebalanced.set(true);
            }
        });
        try {
            Await.until("a rebalance of group " + group + " to include a new member", timeout, () -> {
                consumer.poll(Duration.ofMillis(100));
                return rebalanced.get() ? true : null;
            });
            return new RebalancingMember(consumer);
        } catch (RuntimeException | Error e) {
            consumer.close();
            throw e;
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
