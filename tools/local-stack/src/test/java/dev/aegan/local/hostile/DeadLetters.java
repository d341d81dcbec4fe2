package dev.aegan.local.hostile;

import dev.aegan.contracts.DeadLetterHeaders;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads {@code ingest.dead-letter} from its beginning, as a user would, keeping each record's reason by key. */
final class DeadLetters implements AutoCloseable {
    /** Why a record was refused: the {@code reason-code} and {@code reason} headers. */
    record Reason(String code, String text) {
    }

    private final TopicReader<String> reader;
    private final Map<String, Reason> byKey = new LinkedHashMap<>();

    DeadLetters(KafkaClientSettings kafka) {
        reader = TopicReader.withTextKeys(kafka, Topics.INGEST_DEAD_LETTER, Map.of(), Duration.ofMinutes(1));
    }

    /** The reason the record with this key was refused, once its dead letter is there; null until then. */
    Reason reasonFor(String key) {
        if (byKey.containsKey(key)) {
            return byKey.get(key);
        }
        reader.poll(Duration.ofMillis(500), record -> byKey.put(record.key(),
                new Reason(header(record, DeadLetterHeaders.REASON_CODE), header(record, DeadLetterHeaders.REASON))));
        return byKey.get(key);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        reader.close();
    }
}
