package dev.aegan.models.wae;

import dev.aegan.models.api.Hyperparameter;
import dev.aegan.models.phase.AdamSettings;
import dev.aegan.models.wae.WaeFamily.Penalty;

/**
 * The hyperparameters of a WAE, declared once.
 *
 * @param penalty how D_Z(Q_Z, P_Z) is estimated
 */
public record WaeConfig(
        Penalty penalty,
        @Hyperparameter(value = "8", range = "[1, 1024]", doc = "d_z (the WAE paper on MNIST; FlexAE's tables use 32)")
        int latentDim,
        @Hyperparameter(value = "128", range = "[2, 512]", doc = "c; use 4-16 on a CPU")
        int channels,
        @Hyperparameter(value = "10", defaultFor = WaeFamily.GAN + "=1", range = "[0, 1e6]", doc = "weight of D_Z")
        double lambda,
        @Hyperparameter(value = "1e-3", range = "(0, 1]", doc = "Adam, encoder and decoder")
        double learningRate,
        @Hyperparameter(value = "0.5", range = "[0, 1)", doc = "Adam beta1, all networks (the authors' configs.py)")
        double beta1,
        @Hyperparameter(value = "0.999", range = "[0, 1)", doc = "Adam beta2, all networks (the authors' configs.py)")
        double beta2,
        @Hyperparameter(value = "5e-4", range = "(0, 1]", only = WaeFamily.GAN, doc = "Adam, the adversary")
        double adversaryLearningRate,
        @Hyperparameter(value = "512", range = "[1, 4096]", only = WaeFamily.GAN,
                doc = "units per hidden layer of the adversary")
        int adversaryWidth) {

    /** Encoder and decoder. */
    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }

    /** The latent adversary: its own learning rate, the same betas. */
    AdamSettings adversaryAdam() {
        return new AdamSettings(adversaryLearningRate, beta1, beta2);
    }
}
