package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.features.Features;

/**
 * What feature metrics are computed from, in one extractor's space; null where the model or
 * dataset supplies nothing ({@link Reference}).
 *
 * @param extractor           the extractor's name
 * @param heldOut             the held-out reference ({@link Reference#HELD_OUT})
 * @param samples             the generated set's features (and class probabilities)
 * @param originals           the held-out images reconstructed ({@link Reference#RECONSTRUCTIONS})
 * @param reconstructions     features of their reconstructions
 * @param memorisationQueries features of the first samples whose nearest training images are
 *                            searched ({@link Reference#TRAINING_IMAGES})
 * @param training            features of the memorisation training images
 * @param memorisationBaseline the data-against-data memorisation rows in this space
 */
public record FeatureInputs(String extractor, HeldOutReference heldOut, Features samples, ReconstructedOriginals originals,
                            FeatureMatrix reconstructions, FeatureMatrix memorisationQueries, FeatureMatrix training,
                            MemorisationBaseline memorisationBaseline) {
}
