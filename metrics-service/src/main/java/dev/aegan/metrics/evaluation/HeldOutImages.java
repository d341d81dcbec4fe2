package dev.aegan.metrics.evaluation;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.DatasetTopicReader;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.metrics.MetricsConfig;
import dev.aegan.metrics.domain.SkipReason;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images checkpoints are judged on: the first {@code aegan.metrics.sample-count} held-out
 * images of each dataset, replayed from the batches topic once and cached. A cached entry is read
 * again only when it holds fewer images than wanted and a dataset event announced more held-out
 * images since: growth beyond the first N cannot change them.
 */
@ApplicationScoped
public class HeldOutImages {
    private final DatasetTopicReader reader;
    private final int wanted;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Long> announcedHeldOut = new ConcurrentHashMap<>();

    HeldOutImages(MetricsConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.reader = new DatasetTopicReader(bootstrapServers, config.datasetReadTimeout());
        this.wanted = config.sampleCount();
    }

    private record Cached(DatasetImages images, long heldOutAtRead) {
    }

    /** Records the held-out count a dataset event announces. */
    public void onDatasetEvent(DatasetEvent event) {
        long heldOut = event.countsBySplit() == null ? 0
                : event.countsBySplit().getOrDefault(Split.HELDOUT.wireName(), 0L);
        announcedHeldOut.merge(event.dataset(), heldOut, Math::max);
    }

    /**
     * @throws UnevaluableCheckpointException when the topic holds no held-out image of the dataset
     */
    public DatasetImages firstImages(String dataset) {
        Cached cached = cache.get(dataset);
        if (cached != null && !grewSince(dataset, cached)) {
            return cached.images();
        }
        DatasetImages all = reader.read(dataset, Split.HELDOUT).orElseThrow(() -> announcedHeldOut.containsKey(dataset)
                ? new UnevaluableCheckpointException(SkipReason.NO_HELDOUT_IMAGES,
                        "dataset '" + dataset + "' has no held-out image on the batches topic yet")
                : new UnevaluableCheckpointException(SkipReason.UNKNOWN_DATASET,
                        "no dataset '" + dataset + "' on the batches topic"));
        int n = Math.min(wanted, all.count());
        int[] labels = new int[n];
        System.arraycopy(all.labels(), 0, labels, 0, n);
        DatasetImages first = new DatasetImages(dataset, Split.HELDOUT, all.channels(), all.height(), all.width(),
                all.pixelsOf(0, n), labels);
        cache.put(dataset, new Cached(first, all.count()));
        return first;
    }

    private boolean grewSince(String dataset, Cached cached) {
        return cached.images().count() < wanted
                && announcedHeldOut.getOrDefault(dataset, 0L) > cached.heldOutAtRead();
    }
}
