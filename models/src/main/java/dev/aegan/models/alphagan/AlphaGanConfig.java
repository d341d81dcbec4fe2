package dev.aegan.models.alphagan;

import dev.aegan.models.phase.AdamSettings;
import java.util.Map;

/**
 * The hyperparameters of an alpha-GAN, typed.
 *
 * @param densityRatio adversarial terms of encoder and generator as -log(D/(1-D)) (Algorithm 1)
 *        instead of the non-saturating -log D (Section 3)
 * @param reconstructionWeight lambda, the weight of the L1 reconstruction term
 * @param channels d, the width of the DCGAN-style encoder, generator and discriminator
 * @param codeDiscriminatorWidth units of each of the code discriminator's three hidden layers
 */
public record AlphaGanConfig(boolean densityRatio, double reconstructionWeight, int latentDim, int channels,
        int codeDiscriminatorWidth, double learningRate, double beta1, double beta2) {

    static AlphaGanConfig from(Map<String, Object> effective) {
        return new AlphaGanConfig(AlphaGanFamily.DENSITY_RATIO.equals(effective.get(AlphaGanFamily.ADVERSARIAL_FORM)),
                (Double) effective.get(AlphaGanFamily.RECONSTRUCTION_WEIGHT),
                (Integer) effective.get(AlphaGanFamily.LATENT_DIM), (Integer) effective.get(AlphaGanFamily.CHANNELS),
                (Integer) effective.get(AlphaGanFamily.CODE_DISCRIMINATOR_WIDTH),
                (Double) effective.get(AlphaGanFamily.LEARNING_RATE), (Double) effective.get(AlphaGanFamily.BETA1),
                (Double) effective.get(AlphaGanFamily.BETA2));
    }

    /** One Adam setting for all four networks (Appendix H). */
    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }
}
