package dev.aegan.models.wgan;

import dev.aegan.models.api.Hyperparameter;
import dev.aegan.models.phase.AdamSettings;

/** The hyperparameters of a WGAN-GP model, declared once. */
public record WganConfig(
        @Hyperparameter(value = "128", range = "[1, 1024]", doc = "size of z")
        int latentDim,
        @Hyperparameter(value = "64", range = "[2, 512]", doc = "d (the authors: 64 for MNIST, 128 for CIFAR-10)")
        int channels,
        @Hyperparameter(value = "1e-4", range = "(0, 1]", doc = "Adam, both networks (Algorithm 1)")
        double learningRate,
        @Hyperparameter(value = "0", range = "[0, 1)", doc = "Adam beta1 (Algorithm 1; the authors' scripts use 0.5)")
        double beta1,
        @Hyperparameter(value = "0.9", range = "[0, 1)", doc = "Adam beta2 (Algorithm 1)")
        double beta2,
        @Hyperparameter(value = "10", range = "[0, 1e6]", doc = "lambda")
        double gradientPenalty,
        @Hyperparameter(value = "5", range = "[1, 100]", doc = "n_critic")
        int criticSteps) {

    /** Algorithm 1: the same Adam for critic and generator. */
    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }
}
