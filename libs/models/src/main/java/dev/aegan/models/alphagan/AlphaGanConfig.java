package dev.aegan.models.alphagan;

import dev.aegan.models.api.Hyperparameter;
import dev.aegan.models.phase.AdamSettings;

/** The hyperparameters of an alpha-GAN, declared once; {@link AlphaGanFamily} explains the defaults. */
public record AlphaGanConfig(
        @Hyperparameter(value = AlphaGanFamily.NON_SATURATING,
                choices = {AlphaGanFamily.NON_SATURATING, AlphaGanFamily.DENSITY_RATIO},
                doc = "A(l) in the encoder and generator losses: -log D = softplus(-l) (Section 3, (9)) or "
                        + "Algorithm 1's -log(D/(1-D)) = -l")
        String adversarialForm,
        @Hyperparameter(value = "10", range = "[0, 1e6]",
                doc = "lambda; the paper sweeps 1, 5, 10, 50 (H.1) and names no single value")
        double reconstructionWeight,
        @Hyperparameter(value = "50", range = "[1, 1024]", doc = "size of z (ColorMNIST sweep: 10, 50, 75)")
        int latentDim,
        @Hyperparameter(value = "64", range = "[2, 512]", doc = "d; use 4-16 on a CPU")
        int channels,
        @Hyperparameter(value = "750", range = "[1, 4096]", doc = "units per hidden layer of C (H.4)")
        int codeDiscriminatorWidth,
        @Hyperparameter(value = "2e-4", range = "(0, 1]",
                doc = "Adam, all four networks (Table 2's sweeps are lost; DCGAN's rate)")
        double learningRate,
        @Hyperparameter(value = "0.5", range = "[0, 1)", doc = "Adam beta1")
        double beta1,
        @Hyperparameter(value = "0.9", range = "[0, 1)", doc = "Adam beta2")
        double beta2) {

    /**
     * Adversarial terms of encoder and generator as -log(D/(1-D)) (Algorithm 1) instead of the
     * non-saturating -log D (Section 3).
     */
    boolean densityRatio() {
        return AlphaGanFamily.DENSITY_RATIO.equals(adversarialForm);
    }

    /** One Adam setting for all four networks (Appendix H). */
    AdamSettings adam() {
        return new AdamSettings(learningRate, beta1, beta2);
    }
}
