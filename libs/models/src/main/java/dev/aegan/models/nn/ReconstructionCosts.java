package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;

/** Reconstruction costs that several families share. */
public final class ReconstructionCosts {

    private ReconstructionCosts() {
    }

    /**
     * ||x - y||_2^2 summed over each image's pixels, averaged over the batch: WAE's c(x, y) and
     * FlexAE's L_AE (5).
     */
    public static NDArray squaredError(NDArray x, NDArray reconstruction) {
        return x.sub(reconstruction).square().sum(new int[] {1, 2, 3}).mean();
    }
}
