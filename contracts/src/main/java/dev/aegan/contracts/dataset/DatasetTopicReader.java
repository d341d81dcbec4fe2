package dev.aegan.contracts.dataset;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Reads one split of one dataset from {@link Topics#DATASET_BATCHES}: every committed batch
 * from the beginning of the topic up to its end at the time of the call. A replay, not a
 * stream: it uses no consumer group and commits nothing.
 */
public final class DatasetTopicReader {
    private final KafkaClientSettings kafka;
    private final Duration timeout;

    public DatasetTopicReader(KafkaClientSettings kafka, Duration timeout) {
        this.kafka = kafka;
        this.timeout = timeout;
    }

    /** The split's images, or empty when the topic holds none for this dataset and split. */
    public Optional<DatasetImages> read(String dataset, Split split) {
        Map<String, Object> props = kafka.forClient(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024));
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DATASET_BATCHES, timeout).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Accumulator images = new Accumulator(dataset, split);
            Instant deadline = Instant.now().plus(timeout);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("reading dataset '" + dataset + "' took longer than " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (dataset.equals(record.key()) && record.value() != null) {
                        images.add(ImageBatchCodec.decode(record.value()));
                    }
                }
            }
            return images.result();
        }
    }

    private static final class Accumulator {
        private final String dataset;
        private final Split split;
        private final ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        private final List<int[]> labels = new ArrayList<>();
        private ImageBatch first;

        Accumulator(String dataset, Split split) {
            this.dataset = dataset;
            this.split = split;
        }

        void add(ImageBatch batch) {
            if (batch.split() != split) {
                return;
            }
            if (first == null) {
                first = batch;
            } else if (batch.channels() != first.channels() || batch.height() != first.height()
                    || batch.width() != first.width()) {
                throw new IllegalStateException("dataset '" + dataset + "' holds batches of two shapes");
            }
            pixels.writeBytes(batch.pixels());
            labels.add(batch.labels());
        }

        Optional<DatasetImages> result() {
            if (first == null) {
                return Optional.empty();
            }
            int[] all = labels.stream().flatMapToInt(IntStream::of).toArray();
            return Optional.of(new DatasetImages(dataset, split, first.channels(), first.height(), first.width(),
                    pixels.toByteArray(), all));
        }
    }
}
