package dev.aegan.gallery.store;

import dev.aegan.gallery.GalleryConfig;
import dev.aegan.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** The gallery's bucket ({@code aegan.gallery.bucket}), created on the first write. */
@ApplicationScoped
public class GalleryBucket {
    private final ArtifactStore store;
    private final String name;
    private volatile boolean ready;

    GalleryBucket(ArtifactStore store, GalleryConfig config) {
        this.store = store;
        this.name = config.bucket();
    }

    public String name() {
        return name;
    }

    public boolean exists(String key) {
        return store.exists(name, key);
    }

    public Optional<byte[]> get(String key) {
        return store.get(name, key);
    }

    /** Writes the object and reads it back against its checksum. */
    public void put(String key, byte[] content, String contentType) {
        if (!ready) {
            store.ensureBucket(name);
            ready = true;
        }
        store.putVerified(name, key, content, contentType);
    }
}
