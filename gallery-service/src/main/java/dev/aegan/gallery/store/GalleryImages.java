package dev.aegan.gallery.store;

import dev.aegan.gallery.domain.GridKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The rendered grids in the gallery bucket: {@code <runId>/step-<8 digits>/<kind>.png}. */
@ApplicationScoped
public class GalleryImages {
    private final GalleryBucket bucket;

    GalleryImages(GalleryBucket bucket) {
        this.bucket = bucket;
    }

    public static String key(String runId, long step, GridKind kind) {
        return String.format("%s/step-%08d/%s.png", runId, step, kind.name());
    }

    public boolean exists(String runId, long step, GridKind kind) {
        return bucket.exists(key(runId, step, kind));
    }

    public Optional<byte[]> get(String runId, long step, GridKind kind) {
        return bucket.get(key(runId, step, kind));
    }

    /** Writes and verifies the grid. */
    public void put(String runId, long step, GridKind kind, byte[] png) {
        bucket.put(key(runId, step, kind), png, "image/png");
    }
}
