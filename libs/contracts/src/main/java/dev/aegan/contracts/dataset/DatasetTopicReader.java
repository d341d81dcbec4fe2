package dev.aegan.contracts.dataset;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
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
        Accumulator images = new Accumulator(dataset, split);
        TopicReader.readToEnd(kafka, Topics.DATASET_BATCHES, Map.of(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024,
                ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024), timeout, record -> {
            if (dataset.equals(record.key()) && record.value() != null) {
                images.add(ImageBatchCodec.decode(record.value()));
            }
        });
        return images.result();
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
