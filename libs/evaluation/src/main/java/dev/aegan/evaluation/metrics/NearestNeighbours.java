package dev.aegan.evaluation.metrics;

import java.util.List;

/**
 * The nearest training images of a checkpoint's first samples, for the gallery's memorisation
 * view (FlexAE, Figure 5d/e). The storage contract: metrics-service writes it as JSON (this record,
 * {@link #SCHEMA}) at {@link #key} in its bucket ({@code aegan.metrics.bucket}) once the checkpoint is
 * judged, before its evaluations are published, and never changes it; it serves it by
 * {@code GET /memorisation/{runId}/{step}} and the gallery reads the object itself. Pixels are uint8
 * C x H x W, base64 (JSON's byte arrays); sample {@code i} is the i-th sample of the checkpoint's
 * generated set (fixed latent codes, so the same i across checkpoints).
 *
 * @param space {@code pixels} or an extractor's name: where the distances were measured
 */
public record NearestNeighbours(String schema, String runId, long step, String dataset, int channels, int height,
                                int width, List<Space> spaces) {
    public static final String SCHEMA = "aegan.memorisation/v1";

    /** {@code memorisation/<runId>/step-<8 digits>.json}: where a checkpoint's neighbours are kept. */
    public static String key(String runId, long step) {
        return String.format("memorisation/%s/step-%08d.json", runId, step);
    }

    public record Space(String space, List<Query> queries) {
    }

    public record Query(int sample, byte[] pixels, List<Neighbour> neighbours) {
    }

    /** {@code trainingIndex}: position in the dataset's training split (topic order). */
    public record Neighbour(int trainingIndex, double distance, byte[] pixels) {
    }
}
