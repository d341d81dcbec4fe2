package dev.aegan.bench;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The least any exactly-once consume-transform-produce service can do on this broker, as a ceiling
 * for the topic path: one thread reads a scratch topic with ingest-service's own Kafka settings (its
 * topic consumer's and its transactional producer's, read from its {@code application.properties}),
 * and per poll writes the values unchanged in one transaction, packed {@link #VALUES_PER_RECORD} to a
 * record, together with the consumed offsets. It decodes and checks nothing.
 */
final class ExactlyOnceRelay implements AutoCloseable {
    /** As many as ingest's default images per {@code datasets.batches} record. */
    static final int VALUES_PER_RECORD = 256;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final String output;
    private final Thread thread;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean running = true;

    /**
     * @param consumerSettings {@link #consumerSettings} of ingest's properties
     * @param producerSettings {@link #producerSettings} of ingest's properties
     */
    ExactlyOnceRelay(KafkaClientSettings kafka, Map<String, Object> consumerSettings,
                     Map<String, Object> producerSettings, String input, String output) {
        this.output = output;
        Map<String, Object> consumerConfig = new HashMap<>(consumerSettings);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-exactly-once-relay");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Map<String, Object> producerConfig = new HashMap<>(producerSettings);
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-exactly-once-relay");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        consumer = new KafkaConsumer<>(kafka.forClient(consumerConfig));
        producer = new KafkaProducer<>(kafka.forClient(producerConfig));
        producer.initTransactions();
        consumer.subscribe(List.of(input));
        thread = new Thread(this::relay, "exactly-once-relay");
        thread.start();
    }

    /** The Kafka consumer settings of ingest's topic path (fetch sizes and waits, isolation, offset reset). */
    static Map<String, Object> consumerSettings(Path ingestProperties) {
        return clientSettings(ingestProperties, "mp.messaging.incoming." + Channels.INGEST_IMAGES_IN + ".",
                ConsumerConfig.configNames());
    }

    /** The Kafka producer settings of ingest's transactional producer, but its transactional id. */
    static Map<String, Object> producerSettings(Path ingestProperties) {
        return clientSettings(ingestProperties, "mp.messaging.outgoing." + Channels.DATASET_BATCHES_OUT + ".",
                ProducerConfig.configNames());
    }

    private static Map<String, Object> clientSettings(Path ingestProperties, String channelPrefix, Set<String> kafkaNames) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(ingestProperties)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ingest-service's settings " + ingestProperties, e);
        }
        Map<String, Object> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (!key.startsWith(channelPrefix)) {
                continue;
            }
            String name = key.substring(channelPrefix.length());
            String value = properties.getProperty(key);
            boolean relaysOwn = name.equals(ConsumerConfig.GROUP_ID_CONFIG)
                    || name.equals(ProducerConfig.TRANSACTIONAL_ID_CONFIG) || name.endsWith("serializer");
            if (kafkaNames.contains(name) && !relaysOwn && !value.contains("${")) {
                settings.put(name, value);
            }
        }
        return settings;
    }

    private void relay() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
                if (records.isEmpty()) {
                    continue;
                }
                producer.beginTransaction();
                List<byte[]> values = new ArrayList<>(VALUES_PER_RECORD);
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    values.add(record.value());
                    if (values.size() == VALUES_PER_RECORD) {
                        send(values);
                    }
                }
                if (!values.isEmpty()) {
                    send(values);
                }
                producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
                producer.commitTransaction();
            }
        } catch (WakeupException e) {
            if (running) {
                stopped(e);
            }
        } catch (RuntimeException e) {
            stopped(e);
        }
    }

    /** Reported at once: the bench, waiting meanwhile for records that will not come, throws it only at {@link #check}. */
    private void stopped(RuntimeException e) {
        failure.set(e);
        System.err.println("FAILED: the exactly-once relay stopped: " + e);
    }

    private void send(List<byte[]> values) {
        producer.send(new ProducerRecord<>(output, pack(values)));
        values.clear();
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> consumed = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(consumed.get(consumed.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** Each value as its length (4 bytes, big-endian) and its bytes. */
    static byte[] pack(List<byte[]> values) {
        int size = values.stream().mapToInt(value -> 4 + value.length).sum();
        ByteBuffer packed = ByteBuffer.allocate(size);
        values.forEach(value -> packed.putInt(value.length).put(value));
        return packed.array();
    }

    /** The values of a record {@link #pack} made. */
    static List<ByteBuffer> unpack(byte[] record) {
        ByteBuffer packed = ByteBuffer.wrap(record);
        List<ByteBuffer> values = new ArrayList<>();
        while (packed.hasRemaining()) {
            int length = packed.getInt();
            values.add(packed.slice(packed.position(), length));
            packed.position(packed.position() + length);
        }
        return values;
    }

    /** Throws what stopped the relay, if anything did. */
    void check() {
        if (failure.get() != null) {
            throw new IllegalStateException("FAILED: the exactly-once relay stopped", failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join();
        consumer.close();
        producer.close();
        check();
    }
}
