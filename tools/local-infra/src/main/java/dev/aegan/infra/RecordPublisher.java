package dev.aegan.infra;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.dataset.ImageBatchCodec;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Puts on the broker, for a test, what the other services would: each send waits for acks=all. */
public final class RecordPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public RecordPublisher(String bootstrapServers) {
        this(KafkaClientSettings.bootstrap(bootstrapServers));
    }

    public RecordPublisher(KafkaClientSettings kafka) {
        this.producer = new KafkaProducer<>(kafka.forClient(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new ByteArraySerializer());
    }

    public void send(String topic, String key, byte[] value) {
        send(topic, key, value, Map.of());
    }

    public void send(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    public void sendEvent(String topic, String key, Object event) {
        send(topic, key, EventJson.write(event));
    }

    public void publishBatch(ImageBatch batch) {
        send(Topics.DATASET_BATCHES, batch.dataset(), ImageBatchCodec.encode(batch));
    }

    public void publishDatasetEvent(String dataset, DatasetEvent.Type type, int channels, int height, int width,
                                    long train, long heldOut) {
        sendEvent(Topics.DATASET_EVENTS, dataset, new DatasetEvent(DatasetEvent.SCHEMA, type, dataset, channels, height,
                width, Map.of(Split.TRAIN.wireName(), train, Split.HELDOUT.wireName(), heldOut), List.of(),
                Instant.now()));
    }

    @Override
    public void close() {
        producer.close();
    }
}
