package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.FeatureStatistics;
import dev.aegan.evaluation.FrechetDistance;

import java.util.stream.IntStream;

/**
 * The held-out images every checkpoint reconstructs, in one extractor's space: their features
 * (perceptual distance) and the Fréchet reference of their statistics (reconstruction FID). They
 * never change for a dataset, extractor and count, so they are built once, not per checkpoint.
 */
public record ReconstructedOriginals(FeatureMatrix features, FrechetDistance frechet) {

    public static ReconstructedOriginals of(FeatureMatrix features) {
        return new ReconstructedOriginals(features, FrechetDistance.against(FeatureStatistics.of(features)));
    }

    /**
     * The first {@code count} images of {@code heldOut}'s (the reconstructed images are the first of the
     * same held-out split): its features' first rows, and its own Fréchet reference when they are all of it.
     *
     * @throws IllegalArgumentException when the reference holds fewer than {@code count} images
     */
    public static ReconstructedOriginals firstOf(HeldOutReference heldOut, int count) {
        if (count > heldOut.size()) {
            throw new IllegalArgumentException("the held-out reference holds " + heldOut.size()
                    + " images; it cannot stand for the first " + count);
        }
        if (count == heldOut.size()) {
            return new ReconstructedOriginals(heldOut.features(), heldOut.frechet());
        }
        return of(heldOut.features().select(IntStream.range(0, count).toArray()));
    }

    public int size() {
        return features.rows();
    }
}
