package dev.aegan.local.hostile;

import dev.aegan.contracts.kafka.KafkaClientSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Sends records to a topic with headers, as a user's producer would (acks=all, each send confirmed). */
final class ImageRecords implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    ImageRecords(KafkaClientSettings kafka) {
        producer = new KafkaProducer<>(kafka.forClient(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024)),
                new StringSerializer(), new ByteArraySerializer());
    }

    void send(String topic, String key, Map<String, String> headers, byte[] value) {
        List<Header> recordHeaders = headers.entrySet().stream()
                .<Header>map(e -> new RecordHeader(e.getKey(),
                        e.getValue().getBytes(StandardCharsets.UTF_8)))
                .toList();
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, recordHeaders)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("could not send " + key + " to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
