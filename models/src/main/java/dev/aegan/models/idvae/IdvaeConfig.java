package dev.aegan.models.idvae;

import dev.aegan.models.phase.AdamSettings;
import java.util.Map;

/**
 * The hyperparameters of an IDVAE, typed.
 *
 * @param decoderReconstructs IDVAE(R): the decoder's loss also has the pixel reconstruction term
 * @param classes C-IDVAE: how many classes the networks are conditioned on; 0 for IDVAE and IDVAE(R)
 * @param channels d, the width of the shared trunk and the decoder
 * @param reconstructionWeight alpha of (8) (and of the pixel term IDVAE(R) adds to (13))
 * @param priorWeight beta of (8)
 * @param adversarialWeight omega of (13)
 * @param featureReconstructionWeight lambda of (13)
 */
public record IdvaeConfig(boolean decoderReconstructs, int classes, int latentDim, int channels, double reconstructionWeight,
        double priorWeight, double adversarialWeight, double featureReconstructionWeight, double learningRate,
        double beta1, double beta2) {

    static IdvaeConfig from(boolean decoderReconstructs, Map<String, Object> effective) {
        return new IdvaeConfig(decoderReconstructs, (Integer) effective.getOrDefault(IdvaeFamily.CLASSES, 0),
                (Integer) effective.get(IdvaeFamily.LATENT_DIM),
                (Integer) effective.get(IdvaeFamily.CHANNELS), (Double) effective.get(IdvaeFamily.RECONSTRUCTION_WEIGHT),
                (Double) effective.get(IdvaeFamily.PRIOR_WEIGHT), (Double) effective.get(IdvaeFamily.ADVERSARIAL_WEIGHT),
                (Double) effective.get(IdvaeFamily.FEATURE_WEIGHT), (Double) effective.get(IdvaeFamily.LEARNING_RATE),
                (Double) effective.get(IdvaeFamily.BETA1), (Double) effective.get(IdvaeFamily.BETA2));
    }

    boolean conditional() {
        return classes > 0;
    }

    /** The same Adam settings for the three updates. */
    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }
}
