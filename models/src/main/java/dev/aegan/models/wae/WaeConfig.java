package dev.aegan.models.wae;

import dev.aegan.models.phase.AdamSettings;
import dev.aegan.models.wae.WaeFamily.Penalty;
import java.util.Map;

/**
 * The hyperparameters of a WAE, typed.
 *
 * @param latentDim d_z, the size of z (the WAE paper on MNIST: 8)
 * @param channels width of the encoder's first convolution; the others are 2, 4 and 8 times it, the
 *        decoder's 4 and 2 times it (the WAE paper: 128)
 * @param lambda weight of D_Z in the objective (MNIST: 10 for the MMD, 1 for the adversary)
 * @param adversaryLearningRate Adam's alpha for the latent adversary; 0 without one
 * @param adversaryWidth units of each of the adversary's four hidden layers; 0 without one
 */
public record WaeConfig(Penalty penalty, int latentDim, int channels, double lambda, double learningRate, double beta1,
        double beta2, double adversaryLearningRate, int adversaryWidth) {

    static WaeConfig from(Penalty penalty, Map<String, Object> effective) {
        boolean gan = penalty == Penalty.GAN;
        return new WaeConfig(penalty, (Integer) effective.get(WaeFamily.LATENT_DIM),
                (Integer) effective.get(WaeFamily.CHANNELS), (Double) effective.get(WaeFamily.LAMBDA),
                (Double) effective.get(WaeFamily.LEARNING_RATE), (Double) effective.get(WaeFamily.BETA1),
                (Double) effective.get(WaeFamily.BETA2),
                gan ? (Double) effective.get(WaeFamily.ADVERSARY_LEARNING_RATE) : 0.0,
                gan ? (Integer) effective.get(WaeFamily.ADVERSARY_WIDTH) : 0);
    }

    /** Encoder and decoder. */
    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }

    /** The latent adversary: its own learning rate, the same betas. */
    AdamSettings adversaryAdam() {
        return new AdamSettings(adversaryLearningRate, beta1, beta2);
    }
}
