package dev.aegan.gallery.store;

import dev.aegan.gallery.GalleryConfig;
import dev.aegan.store.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/**
 * The final reports of studies in the gallery bucket: {@code studies/<study>/<profile>/report.json}
 * (the {@code aegan.study-report/v1} JSON) and {@code studies/<study>/<profile>/figure.png}.
 */
@ApplicationScoped
public class StudyReportObjects {
    private final ArtifactStore store;
    private final String bucket;
    private volatile boolean bucketReady;

    StudyReportObjects(ArtifactStore store, GalleryConfig config) {
        this.store = store;
        this.bucket = config.bucket();
    }

    public static String reportKey(String study, String profile) {
        return "studies/" + study + "/" + profile + "/report.json";
    }

    public static String figureKey(String study, String profile) {
        return "studies/" + study + "/" + profile + "/figure.png";
    }

    public String bucket() {
        return bucket;
    }

    /** Writes and verifies both objects; creates the bucket on first use. */
    public void put(String study, String profile, String reportJson, byte[] figurePng) {
        if (!bucketReady) {
            store.ensureBucket(bucket);
            bucketReady = true;
        }
        store.putVerified(bucket, reportKey(study, profile), reportJson.getBytes(StandardCharsets.UTF_8),
                "application/json");
        store.putVerified(bucket, figureKey(study, profile), figurePng, "image/png");
    }
}
