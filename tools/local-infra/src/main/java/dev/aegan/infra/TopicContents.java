package dev.aegan.infra;

import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a topic holds, for a test: every committed record, read without a consumer group. */
public final class TopicContents {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private TopicContents() {
    }

    /** Every committed record of {@code topic} from its beginning to its end at the time of the call. */
    public static List<ConsumerRecord<String, byte[]>> read(KafkaClientSettings kafka, String topic) {
        return TopicReader.records(kafka, topic, Map.of(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024),
                TIMEOUT);
    }

    /** The keys of {@link #read}. */
    public static List<String> keys(KafkaClientSettings kafka, String topic) {
        return read(kafka, topic).stream().map(ConsumerRecord::key).toList();
    }
}
