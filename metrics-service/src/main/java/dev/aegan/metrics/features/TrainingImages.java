package dev.aegan.metrics.features;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.DatasetTopicReader;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.metrics.MetricsConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A dataset's training split, replayed from the batches topic on first use and cached: the
 * classifier trains on it once, and memorisation compares samples with its first N images, which
 * never change once the dataset holds N. A cache holding fewer than N images is read again.
 */
@ApplicationScoped
public class TrainingImages {
    private final DatasetTopicReader reader;
    private final Map<String, DatasetImages> cache = new ConcurrentHashMap<>();

    TrainingImages(MetricsConfig config, KafkaClientSettings kafka) {
        this.reader = new DatasetTopicReader(kafka, config.datasetReadTimeout());
    }

    /** Every training image on the topic now (read again, then cached). */
    public Optional<DatasetImages> all(String dataset) {
        Optional<DatasetImages> read = reader.read(dataset, Split.TRAIN);
        read.ifPresent(images -> cache.put(dataset, images));
        return read;
    }

    /** The training images read so far, at least {@code wanted} of them when the topic holds that many. */
    public Optional<DatasetImages> atLeast(String dataset, int wanted) {
        DatasetImages cached = cache.get(dataset);
        if (cached != null && cached.count() >= wanted) {
            return Optional.of(cached);
        }
        return all(dataset);
    }
}
