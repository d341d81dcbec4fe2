package dev.aegan.models.vae;

import dev.aegan.models.api.Hyperparameter;
import dev.aegan.models.phase.AdamSettings;

/** The VAE baseline's hyperparameters, declared once. */
public record VaeConfig(
        @Hyperparameter(value = "16", range = "[1, 1024]", doc = "size of z")
        int latentDim,
        @Hyperparameter(value = VaeConfig.SMALL_NETWORK, choices = {VaeConfig.SMALL_NETWORK, VaeConfig.FLEXAE_NETWORK},
                doc = "encoder and decoder: `small`, two convolutions of 32 and 64 channels and their mirror; "
                + "`flexae`, FlexAE's own (its authors' code, on which FlexAE's tables run the VAE), the encoder "
                + "giving mean and log-variance")
        String network,
        @Hyperparameter(value = "64", range = "[2, 512]", doc = "c of the `flexae` network (FlexAE's code: 64); "
                + "any other value rejected with `small`, whose widths are fixed")
        int channels,
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

    static final String SMALL_NETWORK = "small";
    static final String FLEXAE_NETWORK = "flexae";

    /** Whether encoder and decoder are FlexAE's rather than the small baseline's. */
    boolean flexAeNetwork() {
        return FLEXAE_NETWORK.equals(network);
    }

    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }
}
