package dev.aegan.contracts.replay;

import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * For state rebuilt by reading topics from their beginning without committing offsets: remembers,
 * per topic-partition, the offset after the last record applied, so a record delivered again
 * (after a rebalance, which sends such a consumer back to the beginning, or a seek) is passed over
 * instead of being applied twice. Safe to share between the threads of several channels.
 */
public final class AppliedOffsets {
    private final Map<TopicPartition, Long> next = new ConcurrentHashMap<>();

    /**
     * Records the record at {@code offset} as applied, unless it was already.
     *
     * @return true when the caller is to apply the record: its offset is past every offset
     *         claimed before on its partition
     */
    public boolean claim(String topic, int partition, long offset) {
        AtomicBoolean claimed = new AtomicBoolean();
        next.compute(new TopicPartition(topic, partition), (tp, known) -> {
            if (known != null && offset < known) {
                return known;
            }
            claimed.set(true);
            return offset + 1;
        });
        return claimed.get();
    }

    /** The offset after the last record applied on the partition: 0 when none was. */
    public long next(String topic, int partition) {
        return next.getOrDefault(new TopicPartition(topic, partition), 0L);
    }
}
