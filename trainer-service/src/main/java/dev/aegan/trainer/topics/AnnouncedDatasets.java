package dev.aegan.trainer.topics;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The datasets announced on {@link Topics#DATASET_EVENTS}: their image shape and counts per split.
 *
 * <p>A lookup that misses re-reads the (small, compacted-in-spirit) topic up to its current end
 * before answering, so a run requested right after its dataset was created is not refused because
 * a background consumer had not caught up yet.
 */
@ApplicationScoped
public class AnnouncedDatasets {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClientSettings kafka;
    private final Map<String, DatasetEvent> latest = new ConcurrentHashMap<>();

    AnnouncedDatasets(KafkaClientSettings kafka) {
        this.kafka = kafka;
    }

    /** The latest event of {@code dataset} that announces training images, if any. */
    public Optional<DatasetEvent> withTrainingImages(String dataset) {
        DatasetEvent known = latest.get(dataset);
        if (known != null && trainCount(known) > 0) {
            return Optional.of(known);
        }
        replay();
        return Optional.ofNullable(latest.get(dataset)).filter(event -> trainCount(event) > 0);
    }

    private static long trainCount(DatasetEvent event) {
        return event.countsBySplit() == null ? 0 : event.countsBySplit().getOrDefault(Split.TRAIN.wireName(), 0L);
    }

    private synchronized void replay() {
        Map<String, Object> props = kafka.forClient(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        try (KafkaConsumer<String, byte[]> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DATASET_EVENTS, TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, TIMEOUT) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("reading " + Topics.DATASET_EVENTS + " took longer than " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    remember(record);
                }
            }
        }
    }

    private void remember(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            DatasetEvent event = EventJson.read(record.value(), DatasetEvent.class);
            if (event.dataset() != null) {
                latest.put(event.dataset(), event);
            }
        } catch (RuntimeException e) {
            Log.debugf("ignoring an unreadable %s record at offset %d: %s", Topics.DATASET_EVENTS, record.offset(),
                    e.getMessage());
        }
    }
}
