package dev.aegan.trainer.topics;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
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
        if (known != null && known.count(Split.TRAIN) > 0) {
            return Optional.of(known);
        }
        replay();
        return Optional.ofNullable(latest.get(dataset)).filter(event -> event.count(Split.TRAIN) > 0);
    }

    /** The latest event of {@code dataset} on the topic now (read to its end), if any. */
    public Optional<DatasetEvent> current(String dataset) {
        replay();
        return Optional.ofNullable(latest.get(dataset));
    }

    private synchronized void replay() {
        EventTopicReader.readToEnd(kafka, Topics.DATASET_EVENTS, key -> true, DatasetEvent.class, TIMEOUT, event -> {
            if (event.dataset() != null) {
                latest.put(event.dataset(), event);
            }
        });
    }
}
