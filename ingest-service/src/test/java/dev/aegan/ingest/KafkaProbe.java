package dev.aegan.ingest;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.dataset.ImageBatchCodec;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/** Plain Kafka clients, as any user would run them, to feed ingest.images and read what ingest committed. */
public final class KafkaProbe {
    /** The consumer group of ingest-service's ingest.images consumer. */
    public static final String INGEST_GROUP = "aegan-ingest";

    private KafkaProbe() {
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A record for ingest.images: key, value and headers as name/value pairs. */
    public record Input(byte[] key, byte[] value, Map<String, String> headers) {
    }

    public static void produce(List<Input> inputs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Input input : inputs) {
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.INGEST_IMAGES, input.key(), input.value());
                input.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
    }

    /** Every committed record of {@code topic}, from its beginning to its current end. */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        forEachRecord(topic, out::add);
        return out;
    }

    /** Hands every committed record of {@code topic}, from its beginning to its current end, to {@code action}, keeping none. */
    public static void forEachRecord(String topic, Consumer<ConsumerRecord<byte[], byte[]>> action) {
        try (TopicReader<byte[]> reader = new TopicReader<>(KafkaClientSettings.bootstrap(bootstrapServers()), topic,
                new ByteArrayDeserializer(), Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024),
                Duration.ofSeconds(60))) {
            reader.readToEnd(action);
        }
    }

    /** The image batches of {@code dataset}; other datasets' records are passed over, not kept. */
    public static List<ImageBatch> batches(String dataset) {
        List<ImageBatch> batches = new ArrayList<>();
        forEachRecord(Topics.DATASET_BATCHES, record -> {
            if (dataset.equals(string(record.key()))) {
                batches.add(ImageBatchCodec.decode(record.value()));
            }
        });
        return batches;
    }

    public static List<DatasetEvent> events(String dataset) {
        List<DatasetEvent> events = new ArrayList<>();
        forEachRecord(Topics.DATASET_EVENTS, record -> {
            if (dataset.equals(string(record.key()))) {
                events.add(EventJson.read(record.value(), DatasetEvent.class));
            }
        });
        return events;
    }

    /** Dead letters whose original {@code dataset} header is {@code dataset}. */
    public static List<ConsumerRecord<byte[], byte[]>> deadLetters(String headerName, String value) {
        return readAll(Topics.INGEST_DEAD_LETTER).stream()
                .filter(record -> value.equals(header(record, headerName)))
                .toList();
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : string(header.value());
    }

    public static String string(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** Waits until ingest's consumer group has committed every record now on ingest.images. */
    public static void awaitIngestCaughtUp(Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                     Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INGEST_IMAGES).stream()
                    .map(info -> new TopicPartition(Topics.INGEST_IMAGES, info.partition())).toList();
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(timeout);
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(INGEST_GROUP).partitionsToOffsetAndMetadata().get();
                boolean done = partitions.stream().allMatch(tp -> committed.get(tp) != null
                        && committed.get(tp).offset() >= end.get(tp));
                if (done) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("ingest did not consume ingest.images to " + end + " within " + timeout
                            + "; committed " + committed);
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}
