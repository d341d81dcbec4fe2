package dev.aegan.judging.heldout;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.DatasetTopicReader;
import dev.aegan.contracts.dataset.HeldOutCache;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.judging.JudgingConfig;
import dev.aegan.judging.UnevaluableCheckpointException;
import dev.aegan.judging.domain.SkipReason;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images checkpoints are judged on: a dataset's whole held-out split in topic order, kept by a
 * {@link HeldOutCache} and read again only when a dataset event announced more held-out images than
 * it holds.
 */
@ApplicationScoped
public class HeldOutImages {
    private final HeldOutCache cache;
    private final Map<String, Long> announcedHeldOut = new ConcurrentHashMap<>();

    HeldOutImages(JudgingConfig config, KafkaClientSettings kafka) {
        this.cache = new HeldOutCache(new DatasetTopicReader(kafka, config.datasetReadTimeout()), HeldOutCache.ALL);
    }

    /** Records the held-out count a dataset event announces. */
    public void onDatasetEvent(DatasetEvent event) {
        announcedHeldOut.merge(event.dataset(), event.count(Split.HELDOUT), Math::max);
    }

    /**
     * Every held-out image of the dataset read so far.
     *
     * @throws UnevaluableCheckpointException when the topic holds no held-out image of the dataset
     */
    public DatasetImages all(String dataset) {
        return cache.images(dataset, announcedHeldOut.getOrDefault(dataset, 0L))
                .orElseThrow(() -> announcedHeldOut.containsKey(dataset)
                        ? new UnevaluableCheckpointException(SkipReason.NO_HELDOUT_IMAGES,
                        "dataset '" + dataset + "' has no held-out image on the batches topic yet")
                        : new UnevaluableCheckpointException(SkipReason.UNKNOWN_DATASET,
                        "no dataset '" + dataset + "' on the batches topic"));
    }

    /** The first {@code n} held-out images of the dataset (all of them when it holds fewer). */
    public DatasetImages first(String dataset, int n) {
        return HeldOutCache.first(all(dataset), n);
    }
}
