package dev.aegan.models.vae;

import dev.aegan.models.api.Hyperparameter;
import dev.aegan.models.phase.AdamSettings;

/** The VAE baseline's hyperparameters, declared once. */
public record VaeConfig(
        @Hyperparameter(value = "16", range = "[1, 1024]", doc = "size of z")
        int latentDim,
        @Hyperparameter(value = "1e-3", range = "(0, 1]", doc = "Adam, encoder and decoder")
        double learningRate,
        @Hyperparameter(value = "0.9", range = "[0, 1)", doc = "Adam beta1")
        double beta1,
        @Hyperparameter(value = "0.999", range = "[0, 1)", doc = "Adam beta2")
        double beta2,
        @Hyperparameter(value = "1", range = "[0, 1000]",
                doc = "weight of the KL term (1 = the plain ELBO of Kingma and Welling, eq. 10)")
        double beta,
        @Hyperparameter(value = "mse", choices = {"mse", "bce"}, doc = "`mse`: Gaussian log-likelihood with unit "
                + "variance, 0.5 * squared error summed over pixels (as pythae's VAE); `bce`: Bernoulli log-likelihood "
                + "of the pixels mapped to [0, 1], computed from the decoder's logits")
        String reconstructionLoss) {

    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }
}
