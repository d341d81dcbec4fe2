package dev.aegan.gallery.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

/**
 * The final reports of studies in the gallery bucket: {@code studies/<study>/<profile>/report.json}
 * (the {@code aegan.study-report/v1} JSON) and {@code studies/<study>/<profile>/figure.png}.
 */
@ApplicationScoped
public class StudyReportObjects {
    private final GalleryBucket bucket;

    StudyReportObjects(GalleryBucket bucket) {
        this.bucket = bucket;
    }

    public static String reportKey(String study, String profile) {
        return "studies/" + study + "/" + profile + "/report.json";
    }

    public static String figureKey(String study, String profile) {
        return "studies/" + study + "/" + profile + "/figure.png";
    }

    public String bucket() {
        return bucket.name();
    }

    /** Writes and verifies both objects. */
    public void put(String study, String profile, String reportJson, byte[] figurePng) {
        bucket.put(reportKey(study, profile), reportJson.getBytes(StandardCharsets.UTF_8), "application/json");
        bucket.put(figureKey(study, profile), figurePng, "image/png");
    }
}
