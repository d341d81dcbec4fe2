package dev.aegan.trainer.topics;

import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicReader;
import io.quarkus.logging.Log;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A topic of JSON events read to its end, as the trainer's lookups read one: a record that is not such an event is passed over. */
final class EventTopicReader {
    private EventTopicReader() {
    }

    /** Hands over, in order, the event of every record of {@code topic} whose key {@code keys} accepts. */
    static <T> void readToEnd(KafkaClientSettings kafka, String topic, Predicate<String> keys, Class<T> type,
                              Duration timeout, Consumer<T> each) {
        TopicReader.readToEnd(kafka, topic, Map.of(), timeout, record -> {
            if (record.value() == null || !keys.test(record.key())) {
                return;
            }
            T event;
            try {
                event = EventJson.read(record.value(), type);
            } catch (RuntimeException e) {
                Log.debugf("ignoring an unreadable %s record at offset %d: %s", topic, record.offset(), e.getMessage());
                return;
            }
            each.accept(event);
        });
    }
}
