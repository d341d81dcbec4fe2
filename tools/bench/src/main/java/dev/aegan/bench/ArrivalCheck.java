package dev.aegan.bench;

import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.dataset.ImageBatchCodec;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads one topic (read_committed) from its end at creation, and checks that every item sent
 * arrives exactly once: none missing, none twice, none unknown. Returns when the last one arrived;
 * the time it saw the record holding it is the end of a figure.
 */
final class ArrivalCheck implements AutoCloseable {
    /** Longest wait for the next item before the bench gives up. */
    private static final Duration STALL = Duration.ofMinutes(2);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;

    ArrivalCheck(KafkaClientSettings kafka, String topic) {
        this.topic = topic;
        consumer = new KafkaConsumer<>(kafka.forClient(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** The images of one dataset in a {@code datasets.batches} record, none for another dataset's. */
    static Function<ConsumerRecord<byte[], byte[]>, List<ByteBuffer>> imagesOf(String dataset) {
        return record -> {
            ImageBatch batch = ImageBatchCodec.decode(record.value());
            List<ByteBuffer> images = new ArrayList<>();
            if (batch.dataset().equals(dataset)) {
                int size = batch.imageSize();
                for (int i = 0; i < batch.count(); i++) {
                    images.add(ByteBuffer.wrap(batch.pixels(), i * size, size).slice());
                }
            }
            return images;
        };
    }

    /**
     * Waits until every one of {@code sent} arrived, {@code unpack} naming the items a record holds;
     * returns the nano time of the last. {@code what} names them in a failure.
     */
    long awaitAll(List<byte[]> sent, Function<ConsumerRecord<byte[], byte[]>, List<ByteBuffer>> unpack, String what) {
        Set<ByteBuffer> expected = new HashSet<>();
        sent.forEach(item -> expected.add(ByteBuffer.wrap(item)));
        if (expected.size() != sent.size()) {
            throw new IllegalStateException("the bench generated equal " + what + "; they must be distinct");
        }
        Set<ByteBuffer> arrived = new HashSet<>();
        long last = System.nanoTime();
        while (arrived.size() < expected.size()) {
            var records = consumer.poll(Duration.ofMillis(20));
            long now = System.nanoTime();
            if (records.isEmpty() && now - last > STALL.toNanos()) {
                throw new IllegalStateException("FAILED: only " + arrived.size() + " of " + expected.size() + " " + what
                        + " arrived on " + topic + " (nothing new for " + STALL.toSeconds() + " s)");
            }
            if (count(records, unpack, expected, arrived, what) > 0) {
                last = now;
            }
        }
        // whatever was committed after the last item may still hold a duplicate
        count(consumer.poll(Duration.ofSeconds(1)), unpack, expected, arrived, what);
        return last;
    }

    private static int count(Iterable<ConsumerRecord<byte[], byte[]>> records,
                             Function<ConsumerRecord<byte[], byte[]>, List<ByteBuffer>> unpack, Set<ByteBuffer> expected,
                             Set<ByteBuffer> arrived, String what) {
        int items = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            for (ByteBuffer item : unpack.apply(record)) {
                if (!expected.contains(item)) {
                    throw new IllegalStateException("FAILED: one of " + what + " arrived that was never sent");
                }
                if (!arrived.add(item)) {
                    throw new IllegalStateException("FAILED: one of " + what + " arrived twice (offset "
                            + record.offset() + ")");
                }
                items++;
            }
        }
        return items;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
