package dev.aegan.gallery.store;

import dev.aegan.gallery.GalleryConfig;
import dev.aegan.gallery.domain.GridKind;
import dev.aegan.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The rendered grids in the gallery bucket: {@code <runId>/step-<8 digits>/<kind>.png}. */
@ApplicationScoped
public class GalleryImages {
    private final ArtifactStore store;
    private final String bucket;
    private volatile boolean bucketReady;

    GalleryImages(ArtifactStore store, GalleryConfig config) {
        this.store = store;
        this.bucket = config.bucket();
    }

    public static String key(String runId, long step, GridKind kind) {
        return String.format("%s/step-%08d/%s.png", runId, step, kind.name());
    }

    public boolean exists(String runId, long step, GridKind kind) {
        return store.exists(bucket, key(runId, step, kind));
    }

    public Optional<byte[]> get(String runId, long step, GridKind kind) {
        return store.get(bucket, key(runId, step, kind));
    }

    /** Writes and verifies the grid; creates the bucket on first use. */
    public void put(String runId, long step, GridKind kind, byte[] png) {
        if (!bucketReady) {
            store.ensureBucket(bucket);
            bucketReady = true;
        }
        store.putVerified(bucket, key(runId, step, kind), png, "image/png");
    }
}
