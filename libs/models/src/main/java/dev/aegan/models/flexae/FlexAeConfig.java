package dev.aegan.models.flexae;

import dev.aegan.models.api.Hyperparameter;
import dev.aegan.models.phase.AdamSettings;

/**
 * The hyperparameters of a FlexAE, declared once, and the Adam settings of the authors' FlexAESR.py, which
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
 */
public record FlexAeConfig(
        boolean smoothing,
        @Hyperparameter(value = "32", range = "[1, 1024]",
                doc = "m, size of the codes (the authors: 32 for 28x28, 128 for CIFAR-10/CelebA)")
        int latentDim,
        @Hyperparameter(value = "32", range = "[1, 1024]",
                doc = "m', P-GEN's input; `sample` takes N x m' noise and `latentDim()` returns m'")
        int noiseDim,
        @Hyperparameter(value = "64", range = "[2, 512]", doc = "c; use 4-16 on a CPU")
        int channels,
        @Hyperparameter(value = "1024", range = "[1, 8192]", doc = "w, hidden units of P-GEN and the latent critic")
        int mlpWidth,
        @Hyperparameter(value = "1e-4", range = "(0, 1]", doc = "the base rate of the table above")
        double learningRate,
        @Hyperparameter(value = "10", range = "[0, 1e6]", doc = "beta of (6) and (9)")
        double gradientPenalty,
        @Hyperparameter(value = "5", range = "[1, 100]", doc = "critic updates per autoencoder update")
        int criticSteps) {

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
