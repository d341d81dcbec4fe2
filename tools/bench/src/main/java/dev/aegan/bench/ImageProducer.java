package dev.aegan.bench;

import dev.aegan.contracts.IngestHeaders;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A user's plain Java producer of {@code ingest.images} records (key, PNG value, {@code dataset}
 * header), with fixed, printed settings: both the raw figure and the topic path use it.
 */
final class ImageProducer implements AutoCloseable {
    static final Map<String, Object> SETTINGS = new TreeMap<>(Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 5,
            ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "none",
            ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5));

    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    ImageProducer(KafkaClientSettings kafka) {
        Map<String, Object> config = new TreeMap<>(SETTINGS);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(kafka.forClient(config));
    }

    /** Sends every image to {@code topic} and waits for all acknowledgements; returns the nano time of the first send. */
    long sendAll(String topic, String dataset, BenchImages images) {
        byte[] datasetHeader = dataset.getBytes(StandardCharsets.UTF_8);
        long started = System.nanoTime();
        for (int i = 0; i < images.pngs().size(); i++) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
                    (dataset + "-" + i).getBytes(StandardCharsets.UTF_8), images.pngs().get(i));
            record.headers().add(IngestHeaders.DATASET, datasetHeader);
            producer.send(record, (metadata, failed) -> {
                if (failed != null) {
                    failure.compareAndSet(null, failed);
                }
            });
        }
        producer.flush();
        if (failure.get() != null) {
            throw new IllegalStateException("FAILED: the broker refused a record of " + topic, failure.get());
        }
        return started;
    }

    @Override
    public void close() {
        producer.close();
    }
}
