package dev.aegan.judging.heldout;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.DatasetTopicReader;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.judging.JudgingSettings;
import dev.aegan.judging.UnevaluableCheckpointException;
import dev.aegan.judging.domain.SkipReason;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images checkpoints are judged on: a dataset's held-out split in topic order, replayed from
 * the batches topic once and cached. The cache is read again only when a dataset event announced
 * more held-out images than it holds; images already read never change, so the first N of a
 * dataset stay the same images for every checkpoint once the dataset holds N.
 */
@ApplicationScoped
public class HeldOutImages {
    private final DatasetTopicReader reader;
    private final Map<String, DatasetImages> cache = new ConcurrentHashMap<>();
    private final Map<String, Long> announcedHeldOut = new ConcurrentHashMap<>();

    HeldOutImages(JudgingSettings settings, KafkaClientSettings kafka) {
        this.reader = new DatasetTopicReader(kafka, settings.datasetReadTimeout());
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
        DatasetImages cached = cache.get(dataset);
        if (cached != null && announcedHeldOut.getOrDefault(dataset, 0L) <= cached.count()) {
            return cached;
        }
        DatasetImages all = reader.read(dataset, Split.HELDOUT).orElseThrow(() -> announcedHeldOut.containsKey(dataset)
                ? new UnevaluableCheckpointException(SkipReason.NO_HELDOUT_IMAGES,
                        "dataset '" + dataset + "' has no held-out image on the batches topic yet")
                : new UnevaluableCheckpointException(SkipReason.UNKNOWN_DATASET,
                        "no dataset '" + dataset + "' on the batches topic"));
        cache.put(dataset, all);
        return all;
    }

    /** The first {@code n} held-out images of the dataset (all of them when it holds fewer). */
    public DatasetImages first(String dataset, int n) {
        DatasetImages all = all(dataset);
        if (all.count() <= n) {
            return all;
        }
        int[] labels = new int[n];
        System.arraycopy(all.labels(), 0, labels, 0, n);
        return new DatasetImages(dataset, Split.HELDOUT, all.channels(), all.height(), all.width(),
                all.pixelsOf(0, n), labels);
    }
}
