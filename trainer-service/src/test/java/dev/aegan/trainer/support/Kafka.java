package dev.aegan.trainer.support;

import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

/** Plain Kafka clients against the test broker: what a user's producer or consumer would do. */
public final class Kafka {
    private Kafka() {
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** @return where the record landed */
    public static RecordMetadata send(String topic, String key, byte[] value) {
        return send(new ProducerRecord<>(topic, key, value));
    }

    public static RecordMetadata send(String topic, String key, String value) {
        return send(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    /** To the given partition, as a producer with its own partitioner may do. */
    public static RecordMetadata send(String topic, int partition, String key, String value) {
        return send(new ProducerRecord<>(topic, partition, key, value.getBytes(StandardCharsets.UTF_8)));
    }

    private static RecordMetadata send(ProducerRecord<String, byte[]> record) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        try (KafkaProducer<String, byte[]> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + record.topic(), e);
        }
    }

    /** Every record of {@code topic} with key {@code key}, parsed as {@code type}, in topic order. */
    public static <T> List<T> read(String topic, String key, Class<T> type) {
        return readRaw(topic, key).stream().map(value -> EventJson.read(value, type)).toList();
    }

    /** The values of every record of {@code topic} with key {@code key}, as published, in topic order. */
    public static List<byte[]> readRaw(String topic, String key) {
        List<byte[]> found = new ArrayList<>();
        TopicReader.readToEnd(KafkaClientSettings.bootstrap(bootstrapServers()), topic, Map.of(), Duration.ofSeconds(60),
                record -> {
                    if (key.equals(record.key()) && record.value() != null) {
                        found.add(record.value());
                    }
                });
        return found;
    }

    /** Re-reads the topic until the records of {@code key} satisfy {@code done}; fails after {@code timeout}. */
    public static <T> List<T> await(String topic, String key, Class<T> type, Duration timeout, Predicate<List<T>> done) {
        Instant deadline = Instant.now().plus(timeout);
        List<T> found = read(topic, key, type);
        while (!done.test(found)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("after " + timeout + ", " + topic + " holds for key " + key + " only: " + found);
            }
            sleep(250);
            found = read(topic, key, type);
        }
        return found;
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
