package dev.aegan.gallery.render;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.DatasetTopicReader;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.gallery.GalleryConfig;
import dev.aegan.gallery.state.GalleryState;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The held-out images every reconstruction grid of a dataset shows: its first
 * {@code aegan.gallery.reconstruction-count} held-out images in topic order, replayed from the
 * batches topic once and cached. Read again only while fewer than wanted were there and a dataset
 * event has since announced more.
 */
@ApplicationScoped
public class HeldOutPreview {
    private final DatasetTopicReader reader;
    private final GalleryState state;
    private final int wanted;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    HeldOutPreview(GalleryConfig config, GalleryState state,
                   KafkaClientSettings kafka) {
        this.reader = new DatasetTopicReader(kafka, config.datasetReadTimeout());
        this.state = state;
        this.wanted = config.reconstructionCount();
    }

    private record Cached(Optional<DatasetImages> images, long heldOutAtRead) {
    }

    /** Empty when the batches topic holds no held-out image of the dataset (yet). */
    public Optional<DatasetImages> firstImages(String dataset) {
        Cached cached = cache.get(dataset);
        if (cached != null && !grewSince(dataset, cached)) {
            return cached.images();
        }
        Optional<DatasetImages> all = reader.read(dataset, Split.HELDOUT);
        Optional<DatasetImages> first = all.map(images -> {
            int n = Math.min(wanted, images.count());
            int[] labels = new int[n];
            System.arraycopy(images.labels(), 0, labels, 0, n);
            return new DatasetImages(dataset, Split.HELDOUT, images.channels(), images.height(), images.width(),
                    images.pixelsOf(0, n), labels);
        });
        cache.put(dataset, new Cached(first, all.map(DatasetImages::count).orElse(0)));
        return first;
    }

    private boolean grewSince(String dataset, Cached cached) {
        int have = cached.images().map(DatasetImages::count).orElse(0);
        return have < wanted && state.heldOutAnnounced(dataset) > cached.heldOutAtRead();
    }
}
