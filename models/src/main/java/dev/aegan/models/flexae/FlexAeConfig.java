package dev.aegan.models.flexae;

import dev.aegan.models.phase.AdamSettings;
import java.util.Map;

/**
 * The hyperparameters of a FlexAE, typed, and the Adam settings of the authors' FlexAESR.py, which
 * give each loss its own optimizer: with the base rate lr,
 * <pre>
 *   autoencoder (5)     2 lr, betas 0.9, 0.999 (TensorFlow's defaults)
 *   latent critic (6)     lr, betas 0,   0.9
 *   prior generator (7) 2 lr, betas 0,   0.9
 *   encoder (8)        lr/10, betas 0,   0.9
 *   image critic (9)    2 lr, betas 0.5, 0.9
 *   smoothing (10)      2 lr, betas 0.5, 0.9
 * </pre>
 *
 * @param smoothing FlexAE-SR: the image critic and the smoothing step
 * @param latentDim m, the size of the codes z = E(x)
 * @param noiseDim m', the size of P-GEN's Gaussian input (the authors' default: m)
 * @param channels c, the width of the convolutional networks (the authors: 64)
 * @param mlpWidth units of the hidden layers of P-GEN and the latent critic (the authors: 1024)
 * @param gradientPenalty beta of (6) and (9)
 * @param criticSteps critic updates per autoencoder update
 */
public record FlexAeConfig(boolean smoothing, int latentDim, int noiseDim, int channels, int mlpWidth,
        double learningRate, double gradientPenalty, int criticSteps) {

    static FlexAeConfig from(boolean smoothing, Map<String, Object> effective) {
        return new FlexAeConfig(smoothing, (Integer) effective.get(FlexAeFamily.LATENT_DIM),
                (Integer) effective.get(FlexAeFamily.NOISE_DIM), (Integer) effective.get(FlexAeFamily.CHANNELS),
                (Integer) effective.get(FlexAeFamily.MLP_WIDTH), (Double) effective.get(FlexAeFamily.LEARNING_RATE),
                (Double) effective.get(FlexAeFamily.GRADIENT_PENALTY), (Integer) effective.get(FlexAeFamily.CRITIC_STEPS));
    }

    AdamSettings autoencoderAdam() {
        return new AdamSettings(2 * learningRate, 0.9, 0.999);
    }

    AdamSettings latentCriticAdam() {
        return new AdamSettings(learningRate, 0.0, 0.9);
    }

    AdamSettings priorGeneratorAdam() {
        return new AdamSettings(2 * learningRate, 0.0, 0.9);
    }

    AdamSettings encoderAdam() {
        return new AdamSettings(learningRate / 10, 0.0, 0.9);
    }

    AdamSettings imageCriticAdam() {
        return new AdamSettings(2 * learningRate, 0.5, 0.9);
    }

    AdamSettings smoothingAdam() {
        return new AdamSettings(2 * learningRate, 0.5, 0.9);
    }
}
