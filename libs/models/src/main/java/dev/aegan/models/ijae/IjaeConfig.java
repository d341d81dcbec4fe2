package dev.aegan.models.ijae;

import dev.aegan.models.api.Hyperparameter;
import dev.aegan.models.ijae.IjaeFamily.Likelihood;
import dev.aegan.models.phase.AdamSettings;

/**
 * The hyperparameters of a lambda-IJAE model, declared once.
 *
 * @param likelihood the paper's implicit likelihood or an explicit one (the ablations)
 */
public record IjaeConfig(
        Likelihood likelihood,
        @Hyperparameter(value = "0.3", range = "[0, 1]", doc = "weight of the forward KL (the ELBO); 0 is a GAN, 1 an "
                + "(implicit) VAE; the paper's chosen trade-off is 0.3")
        double lambda,
        @Hyperparameter(value = "128", range = "[1, 1024]", doc = "size of z")
        int latentDim,
        @Hyperparameter(value = "128", range = "[1, 1024]", doc = "size of each of the encoder's three noise vectors xi")
        int noiseDim,
        @Hyperparameter(value = "false", doc = "inject the encoder's noise per position, Linear(noiseDim, c*h*w)(xi) "
                + "after its first two blocks and none after its last ReLU (the reading of the paper's encoder "
                + "weight count; the third xi is unused), instead of per channel, Linear(noiseDim, c)(xi) at all three "
                + "places (Table 3's header)")
        boolean noisePerPosition,
        @Hyperparameter(value = "128", range = "[2, 512]", doc = "width c of every residual network (Appendix D: 128); "
                + "D_zeta uses c/2, c, 4c, 2c. Use 16-64 on a CPU")
        int channels,
        @Hyperparameter(value = "1e-4", range = "(0, 1]", doc = "Adam, all five networks (Table 2)")
        double learningRate,
        @Hyperparameter(value = "0.5", range = "[0, 1)", doc = "Adam beta1 (Table 2)")
        double beta1,
        @Hyperparameter(value = "0.9", range = "[0, 1)", doc = "Adam beta2 (Table 2)")
        double beta2,
        @Hyperparameter(value = "5", range = "[0, " + (IjaeFamily.MAX_SIDE - 1) + "]", only = IjaeFamily.IMPLICIT,
                doc = "S of r(y\\|x), at most min(H, W) - 1")
        int maxShift,
        @Hyperparameter(value = "1.0", range = "(0, 1e6]", only = {IjaeFamily.LAPLACE, IjaeFamily.GAUSSIAN},
                doc = "1/b (L1) or 1/sigma^2 (L2) of the explicit likelihood")
        double reconstructionWeight,
        @Hyperparameter(value = "false", only = IjaeFamily.IMPLICIT, doc = "let (7) differentiate D_tau through its "
                + "direct z input too (the printed gradient; diverges, see below)")
        boolean encoderThroughTauCode) {

    /** Appendix D, Table 2: the same Adam for generator, encoder and the three discriminators. */
    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }
}
