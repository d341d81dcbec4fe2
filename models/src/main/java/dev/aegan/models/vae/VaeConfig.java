package dev.aegan.models.vae;

import dev.aegan.models.phase.AdamSettings;
import java.util.Map;

/**
 * The VAE baseline's hyperparameters, typed.
 *
 * @param latentDim size of z
 * @param beta weight of the KL term (1 = the plain ELBO of Kingma and Welling, eq. 10)
 * @param reconstructionLoss {@code mse}: Gaussian log-likelihood with unit variance, 0.5 * squared
 *        error summed over pixels (as pythae's VAE); {@code bce}: Bernoulli log-likelihood of the
 *        pixels mapped to [0, 1], computed from the decoder's logits
 */
public record VaeConfig(int latentDim, double learningRate, double beta1, double beta2, double beta,
        String reconstructionLoss) {

    static VaeConfig from(Map<String, Object> effective) {
        return new VaeConfig((Integer) effective.get(VaeFamily.LATENT_DIM), (Double) effective.get(VaeFamily.LEARNING_RATE),
                (Double) effective.get(VaeFamily.BETA1), (Double) effective.get(VaeFamily.BETA2),
                (Double) effective.get(VaeFamily.BETA), (String) effective.get(VaeFamily.RECONSTRUCTION_LOSS));
    }

    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }
}
