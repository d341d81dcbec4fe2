package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.images.Images;

/**
 * What memorisation compares a checkpoint's first samples with in pixel space, built once per dataset
 * and held-out prefix.
 *
 * @param training the memorisation training images ({@code generated_train})
 * @param heldOut  the held-out images the generation metrics compare with ({@code generated_heldout})
 * @param baseline the data-against-data rows of these two sets
 */
public record PixelMemorisationReference(Images training, Images heldOut, MemorisationBaseline baseline) {

    /** {@code training} and {@code heldOut} with their baseline of the first {@code queries} images. */
    public static PixelMemorisationReference of(Images training, Images heldOut, int queries) {
        return new PixelMemorisationReference(training, heldOut, MemorisationBaseline.inPixels(training, heldOut,
                queries));
    }
}
