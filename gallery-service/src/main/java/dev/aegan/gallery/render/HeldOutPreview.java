package dev.aegan.gallery.render;

import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.DatasetTopicReader;
import dev.aegan.contracts.dataset.HeldOutCache;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.gallery.GalleryConfig;
import dev.aegan.gallery.state.GalleryState;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The held-out images every reconstruction grid of a dataset shows: its first
 * {@code aegan.gallery.reconstruction-count} held-out images in topic order, kept by a
 * {@link HeldOutCache}: read again only while fewer than wanted were there and a dataset event has
 * since announced more.
 */
@ApplicationScoped
public class HeldOutPreview {
    private final HeldOutCache cache;
    private final GalleryState state;

    HeldOutPreview(GalleryConfig config, GalleryState state, KafkaClientSettings kafka) {
        this.cache = new HeldOutCache(new DatasetTopicReader(kafka, config.datasetReadTimeout()),
                config.reconstructionCount());
        this.state = state;
    }

    /** Empty when the batches topic holds no held-out image of the dataset (yet). */
    public Optional<DatasetImages> firstImages(String dataset) {
        return cache.images(dataset, state.heldOutAnnounced(dataset));
    }
}
