package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.features.FeatureExtractor;

/**
 * One extractor with what its metrics compare against.
 *
 * @param originals the held-out images a checkpoint reconstructs (as many as it is given to reconstruct)
 * @param training  features of the memorisation training images, or null when there are none
 * @param memorisationBaseline the data-against-data memorisation rows in this space, null without training
 */
public record ExtractorReference(FeatureExtractor extractor, HeldOutReference heldOut, ReconstructedOriginals originals,
                                 FeatureMatrix training, MemorisationBaseline memorisationBaseline) {
}
