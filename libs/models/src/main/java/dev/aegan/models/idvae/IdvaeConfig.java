package dev.aegan.models.idvae;

import dev.aegan.models.api.Hyperparameter;
import dev.aegan.models.phase.AdamSettings;

/**
 * The hyperparameters of an IDVAE, declared once.
 *
 * @param decoderReconstructs IDVAE(R): the decoder's loss also has the pixel reconstruction term
 */
public record IdvaeConfig(
        boolean decoderReconstructs,
        @Hyperparameter(value = "10", range = "[2, 1000]", only = IdvaeFamily.C_IDVAE,
                doc = "size of the one-hot label code (0, unconditional, for the others)")
        int classes,
        @Hyperparameter(value = "128", range = "[1, 1024]", doc = "size of z")
        int latentDim,
        @Hyperparameter(value = "64", range = "[2, 512]", doc = "d of trunk and decoder; use 4-16 on a CPU")
        int channels,
        @Hyperparameter(value = "1", range = "[0, 1e6]", doc = "alpha of (8), and of IDVAE(R)'s decoder pixel term")
        double reconstructionWeight,
        @Hyperparameter(value = "1", range = "[0, 1e6]", doc = "beta of (8)")
        double priorWeight,
        @Hyperparameter(value = "1", range = "[0, 1e6]", doc = "omega of (13)")
        double adversarialWeight,
        @Hyperparameter(value = "1", range = "[0, 1e6]", doc = "lambda of (13)")
        double featureReconstructionWeight,
        @Hyperparameter(value = "2e-4", range = "(0, 1]", doc = "Adam, all updates")
        double learningRate,
        @Hyperparameter(value = "0.5", range = "[0, 1)", doc = "Adam beta1")
        double beta1,
        @Hyperparameter(value = "0.999", range = "[0, 1)", doc = "Adam beta2")
        double beta2) {

    boolean conditional() {
        return classes > 0;
    }

    /** The same Adam settings for the three updates. */
    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }
}
