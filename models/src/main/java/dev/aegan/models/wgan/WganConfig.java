package dev.aegan.models.wgan;

import dev.aegan.models.phase.AdamSettings;
import java.util.Map;

/**
 * The hyperparameters of a WGAN-GP model, typed.
 *
 * @param latentDim size of z (Gulrajani et al.'s code: 128)
 * @param channels width of the first critic convolution and the last generator one (DIM of the
 *        authors' code); the others are 2 and 4 times it
 * @param gradientPenalty lambda, the weight of the gradient penalty (Algorithm 1: 10)
 * @param criticSteps n_critic, critic updates per generator update (Algorithm 1: 5)
 */
public record WganConfig(int latentDim, int channels, double learningRate, double beta1, double beta2,
        double gradientPenalty, int criticSteps) {

    static WganConfig from(Map<String, Object> effective) {
        return new WganConfig((Integer) effective.get(WganFamily.LATENT_DIM), (Integer) effective.get(WganFamily.CHANNELS),
                (Double) effective.get(WganFamily.LEARNING_RATE), (Double) effective.get(WganFamily.BETA1),
                (Double) effective.get(WganFamily.BETA2), (Double) effective.get(WganFamily.GRADIENT_PENALTY),
                (Integer) effective.get(WganFamily.CRITIC_STEPS));
    }

    /** Algorithm 1: the same Adam for critic and generator. */
    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }
}
