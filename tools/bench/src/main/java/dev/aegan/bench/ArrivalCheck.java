package dev.aegan.bench;

import dev.aegan.contracts.Topics;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code datasets.batches} (read_committed) from its end at creation, and checks that every
 * sent image of one dataset arrives exactly once: none missing, none twice, none unknown. Returns
 * when the last one arrived; the time it saw the batch holding it is the end of the ingest figure.
 */
final class ArrivalCheck implements AutoCloseable {
    /** Longest wait for the next image before the bench gives up. */
    private static final Duration STALL = Duration.ofMinutes(2);

    private final KafkaConsumer<byte[], byte[]> consumer;

    ArrivalCheck(KafkaClientSettings kafka) {
        consumer = new KafkaConsumer<>(kafka.forClient(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName())));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.DATASET_BATCHES).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Waits until every image of {@code sent} arrived under {@code dataset}; returns the nano time of the last. */
    long awaitAll(String dataset, BenchImages sent) {
        Set<ByteBuffer> expected = new HashSet<>();
        sent.pixels().forEach(pixels -> expected.add(ByteBuffer.wrap(pixels)));
        if (expected.size() != sent.pixels().size()) {
            throw new IllegalStateException("the bench generated equal images; they must be distinct");
        }
        Set<ByteBuffer> arrived = new HashSet<>();
        long last = System.nanoTime();
        while (arrived.size() < expected.size()) {
            var records = consumer.poll(Duration.ofMillis(20));
            long now = System.nanoTime();
            if (records.isEmpty() && now - last > STALL.toNanos()) {
                throw new IllegalStateException("FAILED: only " + arrived.size() + " of " + expected.size()
                        + " images of '" + dataset + "' arrived on " + Topics.DATASET_BATCHES + " (nothing new for "
                        + STALL.toSeconds() + " s; see the ingest log and ingest.dead-letter)");
            }
            if (count(records, dataset, expected, arrived) > 0) {
                last = now;
            }
        }
        // whatever was committed after the last image may still hold a duplicate
        count(consumer.poll(Duration.ofSeconds(1)), dataset, expected, arrived);
        return last;
    }

    private static int count(Iterable<ConsumerRecord<byte[], byte[]>> records, String dataset, Set<ByteBuffer> expected,
                             Set<ByteBuffer> arrived) {
        int images = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            ImageBatch batch = ImageBatchCodec.decode(record.value());
            if (!batch.dataset().equals(dataset)) {
                continue;
            }
            int size = batch.imageSize();
            for (int i = 0; i < batch.count(); i++) {
                ByteBuffer image = ByteBuffer.wrap(batch.pixels(), i * size, size).slice();
                if (!expected.contains(image)) {
                    throw new IllegalStateException("FAILED: an image of '" + dataset + "' arrived that was never sent");
                }
                if (!arrived.add(image)) {
                    throw new IllegalStateException("FAILED: an image of '" + dataset + "' arrived twice (offset "
                            + record.offset() + ")");
                }
                images++;
            }
        }
        return images;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
