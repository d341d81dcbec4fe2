package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.features.FeatureExtractor;

/**
 * One extractor with what its metrics compare against.
 *
 * @param training features of the memorisation training images, or null when there are none
 */
public record ExtractorReference(FeatureExtractor extractor, HeldOutReference heldOut, FeatureMatrix training) {
}
