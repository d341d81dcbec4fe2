package dev.aegan.models.wae;

import dev.aegan.models.api.Hyperparameter;
import dev.aegan.models.phase.AdamSettings;
import dev.aegan.models.wae.WaeFamily.Penalty;

/**
 * The hyperparameters of a WAE, declared once.
 *
 * @param penalty how D_Z(Q_Z, P_Z) is estimated
 */
public record WaeConfig(
        Penalty penalty,
        @Hyperparameter(value = WaeConfig.WAE_MNIST_NETWORK, choices = {WaeConfig.WAE_MNIST_NETWORK,
                WaeConfig.FLEXAE_NETWORK}, doc = "encoder and decoder: `wae-mnist`, the WAE paper's MNIST networks; "
                + "`flexae`, FlexAE's own (its authors' code, on which FlexAE's tables run WAE; c = 64 there)")
        String network,
        @Hyperparameter(value = WaeConfig.PAPER_COST, choices = {WaeConfig.PAPER_COST, WaeConfig.AUTHORS_CODE_COST},
                doc = "c(x, y): `paper`, the squared error summed over our pixels in [-1, 1]; `authors-code`, the "
                + "authors' wae.py, 0.05 times the squared error on pixels in [0, 1], i.e. 0.0125 times `paper`, so "
                + "lambda weighs D_Z 80 times more against it")
        String reconstructionCost,
        @Hyperparameter(value = "8", range = "[1, 1024]", doc = "d_z (the WAE paper on MNIST; FlexAE's tables use 32)")
        int latentDim,
        @Hyperparameter(value = "128", range = "[2, 512]", doc = "c; use 4-16 on a CPU")
        int channels,
        @Hyperparameter(value = "10", defaultFor = WaeFamily.GAN + "=1", range = "[0, 1e6]", doc = "weight of D_Z")
        double lambda,
        @Hyperparameter(value = "1e-3", range = "(0, 1]", doc = "Adam, encoder and decoder")
        double learningRate,
        @Hyperparameter(value = "0.5", range = "[0, 1)", doc = "Adam beta1, all networks (the authors' configs.py)")
        double beta1,
        @Hyperparameter(value = "0.999", range = "[0, 1)", doc = "Adam beta2, all networks (the authors' configs.py)")
        double beta2,
        @Hyperparameter(value = "5e-4", range = "(0, 1]", only = WaeFamily.GAN, doc = "Adam, the adversary")
        double adversaryLearningRate,
        @Hyperparameter(value = "512", range = "[1, 4096]", only = WaeFamily.GAN,
                doc = "units per hidden layer of the adversary")
        int adversaryWidth) {

    static final String WAE_MNIST_NETWORK = "wae-mnist";
    static final String FLEXAE_NETWORK = "flexae";
    static final String PAPER_COST = "paper";
    static final String AUTHORS_CODE_COST = "authors-code";
    /**
     * The authors' 0.05 on pixels t in [0, 1], on ours x = 2t - 1: ||t - t'||^2 = ||x - x'||^2 / 4, so
     * 0.05 / 4 of the paper's cost on our pixels.
     */
    static final float AUTHORS_CODE_COST_FACTOR = 0.05f / 4;

    /** Whether encoder and decoder are FlexAE's rather than the WAE paper's. */
    boolean flexAeNetwork() {
        return FLEXAE_NETWORK.equals(network);
    }

    /** How much of the paper's c(x, y) on our pixels the objective weighs reconstructions by. */
    float reconstructionCostFactor() {
        return AUTHORS_CODE_COST.equals(reconstructionCost) ? AUTHORS_CODE_COST_FACTOR : 1f;
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
