package dev.aegan.local;

import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every record of a topic, up to its end offsets at the time of the call, as a user's client reads them. */
final class TopicRecords {
    private TopicRecords() {
    }

    static List<ConsumerRecord<String, byte[]>> all(String bootstrapServers, String topic, boolean committedOnly) {
        return TopicReader.records(KafkaClientSettings.bootstrap(bootstrapServers), topic,
                Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, committedOnly ? "read_committed" : "read_uncommitted"),
                Duration.ofMinutes(2));
    }
}
