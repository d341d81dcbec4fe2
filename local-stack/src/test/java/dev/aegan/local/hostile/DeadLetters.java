package dev.aegan.local.hostile;

import dev.aegan.contracts.DeadLetterHeaders;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code ingest.dead-letter} from its beginning, as a user would, keeping each record's reason by key. */
final class DeadLetters implements AutoCloseable {
    /** Why a record was refused: the {@code reason-code} and {@code reason} headers. */
    record Reason(String code, String text) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Reason> byKey = new LinkedHashMap<>();

    DeadLetters(KafkaClientSettings kafka) {
        consumer = new KafkaConsumer<>(kafka.forClient(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.INGEST_DEAD_LETTER).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The reason the record with this key was refused, once its dead letter is there; null until then. */
    Reason reasonFor(String key) {
        if (byKey.containsKey(key)) {
            return byKey.get(key);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            byKey.put(record.key(), new Reason(header(record, DeadLetterHeaders.REASON_CODE),
                    header(record, DeadLetterHeaders.REASON)));
        }
        return byKey.get(key);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
