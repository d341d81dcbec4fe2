package dev.aegan.evaluation.metrics;

import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.evaluation.images.Images;

/**
 * What pixel metrics are computed from; null where the model or dataset supplies nothing
 * ({@link Reference}).
 *
 * @param samples             the generated set
 * @param originals           held-out images to reconstruct ({@link Reference#RECONSTRUCTIONS})
 * @param reconstructions     the model's reconstructions of them
 * @param memorisationQueries the first samples whose nearest training images are searched
 *                            ({@link Reference#TRAINING_IMAGES})
 * @param memorisation        the memorisation training and held-out images and their baseline
 */
public record PixelInputs(Images samples, DatasetImages originals, Images reconstructions, Images memorisationQueries,
                          PixelMemorisationReference memorisation) {
}
