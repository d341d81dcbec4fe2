package dev.aegan.models.ijae;

import dev.aegan.models.ijae.IjaeFamily.Likelihood;
import dev.aegan.models.phase.AdamSettings;
import java.util.Map;

/**
 * The hyperparameters of a lambda-IJAE model, typed.
 *
 * @param lambda the weight of the forward KL (the ELBO) in the lambda-Jeffreys objective
 *        lambda KL(p*||p_theta) + (1 - lambda) KL(p_theta||p*); 0 is a GAN, 1 an (implicit) VAE
 * @param latentDim size of z (Appendix D: 128)
 * @param noiseDim size of each of the encoder's three noise vectors xi (Appendix D: 128)
 * @param channels width c of every residual network (Appendix D: 128); D_zeta uses c/2, c, 4c, 2c
 * @param maxShift S of the cyclic-shift likelihood r(y|x) (the paper: 5); 0 for the ablations
 * @param reconstructionWeight for the ablations, 1/b of the Laplace likelihood (L1) or 1/sigma^2
 *        of the Gaussian (L2); 0 for the implicit model
 * @param encoderThroughTauCode whether the encoder's loss (7) also differentiates D_tau through its
 *        direct z input (see {@link IjaeObjectives#encoder}); false for the ablations
 */
public record IjaeConfig(Likelihood likelihood, double lambda, int latentDim, int noiseDim, int channels,
        double learningRate, double beta1, double beta2, int maxShift, double reconstructionWeight,
        boolean encoderThroughTauCode) {

    static IjaeConfig from(Likelihood likelihood, Map<String, Object> effective) {
        boolean implicit = likelihood == Likelihood.IMPLICIT;
        return new IjaeConfig(likelihood, (Double) effective.get(IjaeFamily.LAMBDA),
                (Integer) effective.get(IjaeFamily.LATENT_DIM), (Integer) effective.get(IjaeFamily.NOISE_DIM),
                (Integer) effective.get(IjaeFamily.CHANNELS), (Double) effective.get(IjaeFamily.LEARNING_RATE),
                (Double) effective.get(IjaeFamily.BETA1), (Double) effective.get(IjaeFamily.BETA2),
                implicit ? (Integer) effective.get(IjaeFamily.MAX_SHIFT) : 0,
                implicit ? 0.0 : (Double) effective.get(IjaeFamily.RECONSTRUCTION_WEIGHT),
                implicit && (Boolean) effective.get(IjaeFamily.ENCODER_THROUGH_TAU_CODE));
    }

    /** Appendix D, Table 2: the same Adam for generator, encoder and the three discriminators. */
    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }
}
