package dev.aegan.gallery.store;

import dev.aegan.contracts.events.EventJson;
import dev.aegan.evaluation.metrics.NearestNeighbours;
import dev.aegan.gallery.GalleryConfig;
import dev.aegan.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * The nearest training images metrics-service stores for each judged checkpoint, read from its
 * bucket by their storage contract ({@link NearestNeighbours#key}): the page asks the gallery, never
 * metrics-service, so it needs no cross-origin call and no second service up.
 */
@ApplicationScoped
public class MemorisationObjects {
    private final ArtifactStore store;
    private final String bucket;

    MemorisationObjects(ArtifactStore store, GalleryConfig config) {
        this.store = store;
        this.bucket = config.metricsBucket();
    }

    /** Empty while the checkpoint is not judged (or its dataset has no training images). */
    public Optional<NearestNeighbours> neighbours(String runId, long step) {
        return store.get(bucket, NearestNeighbours.key(runId, step))
                .map(json -> EventJson.read(json, NearestNeighbours.class));
    }
}
