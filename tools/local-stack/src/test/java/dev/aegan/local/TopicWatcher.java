package dev.aegan.local;

import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicReader;
import dev.aegan.infra.Await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads a JSON event topic from its beginning, as a user's own Kafka client would. */
final class TopicWatcher<T> implements AutoCloseable {
    private final TopicReader<String> reader;
    private final Class<T> type;
    private final List<T> seen = new ArrayList<>();

    TopicWatcher(KafkaClientSettings kafka, String topic, Class<T> type) {
        this.type = type;
        this.reader = TopicReader.withTextKeys(kafka, topic, Map.of(), Duration.ofMinutes(1));
    }

    /** Every event seen so far (after polling what is there now). */
    List<T> all() {
        poll(Duration.ofMillis(500));
        return List.copyOf(seen);
    }

    /** The first event matching {@code condition}, waiting up to {@code timeout} for it. */
    T await(Predicate<T> condition, Duration timeout, String what) {
        return Await.until(what, timeout, () -> {
            poll(Duration.ofMillis(500));
            return seen.stream().filter(condition).findFirst().orElse(null);
        });
    }

    private void poll(Duration wait) {
        reader.poll(wait, record -> seen.add(EventJson.read(record.value(), type)));
    }

    @Override
    public void close() {
        reader.close();
    }
}
