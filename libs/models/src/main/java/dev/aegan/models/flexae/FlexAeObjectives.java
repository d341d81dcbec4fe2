package dev.aegan.models.flexae;

import static dev.aegan.models.nn.CompositeBlock.apply;
import static dev.aegan.models.nn.CompositeBlock.logits;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.aegan.models.core.OwnedArrays;
import dev.aegan.models.nn.GradientPenalty;
import dev.aegan.models.nn.ReconstructionCosts;
import dev.aegan.models.nn.Scalars;
import dev.aegan.models.phase.PhaseLoss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FlexAE's losses (5)-(10) (paper 002, Section 3.2.2) as functions of their random inputs, so that a
 * phase draws them and a test hands a reference implementation the very same draws. Expectations are
 * batch means; networks run in training mode. z = E(x), z_hat = G_psi(n), n ~ N(0, I).
 *
 * <p>Readings:
 * <ul>
 *   <li>(6) and (9) write the interpolates of the penalty as alpha z + (1 - alpha) z_hat and
 *       alpha x + (1 - alpha) x_inp, one alpha ~ U[0, 1] per sample, as the authors' code does; the
 *       critics' "real" side is the encoded codes z (6) and the data x (9).</li>
 *   <li>z_inp = gamma z^(j) + (1 - gamma) z^(k) pairs "two randomly sampled training examples"; the
 *       authors' code encodes a second random batch. Here the partner of each image is another image of
 *       the phase's batch, by a random permutation (partner[i]), one gamma
 *       ~ U[0, 1] per sample; the partner's code is the same E(x) row (one encoder pass).</li>
 *   <li>L_AE (5) sums the squared error over pixels (the code multiplies Keras' mean by H W C), on our
 *       pixels in [-1, 1] (the code's are in [0, 1]).</li>
 * </ul>
 */
record FlexAeObjectives(FlexAeConfig config, Block encoder, Block decoder, Block priorGenerator, Block latentCritic,
        Block imageCritic) {

    /** E(x), N x latentDim. */
    NDArray encode(ParameterStore parameters, NDArray x, boolean training) {
        return apply(encoder, parameters, x, training);
    }

    /** D(z), N x C x H x W in [-1, 1]. */
    NDArray decode(ParameterStore parameters, NDArray z, boolean training) {
        return apply(decoder, parameters, z, training);
    }

    /** z_hat = G_psi(n), N x latentDim: a draw of the learnt prior. */
    NDArray prior(ParameterStore parameters, NDArray noise, boolean training) {
        return apply(priorGenerator, parameters, noise, training);
    }

    /** C_kappa(z), shape N. */
    NDArray latentScore(ParameterStore parameters, NDArray z) {
        return logits(latentCritic, parameters, z);
    }

    /** C_zeta(x), shape N. */
    NDArray imageScore(ParameterStore parameters, NDArray x) {
        return logits(imageCritic, parameters, x);
    }

    /** (5): L_AE = E ||x - D(E(x))||^2, updating encoder and decoder. */
    PhaseLoss autoencoder(ParameterStore parameters, NDArray x) {
        NDArray reconstruction = ReconstructionCosts.squaredError(x, decode(parameters, encode(parameters, x, true), true));
        return PhaseLoss.of(reconstruction);
    }

    /**
     * (6): L_Critic = E C_kappa(z_hat) - E C_kappa(z) + beta E(||grad C_kappa(z_avg)|| - 1)^2.
     *
     * @param noise n, N x noiseDim draws of N(0, I)
     * @param alpha N draws of U[0, 1]
     */
    PhaseLoss latentCritic(ParameterStore parameters, NDArray x, NDArray noise, NDArray alpha) {
        NDArray z = encode(parameters, x, true);
        NDArray zHat = prior(parameters, noise, true);
        NDArray encodedScore = latentScore(parameters, z).mean();
        NDArray priorScore = latentScore(parameters, zHat).mean();
        GradientPenalty penalty = GradientPenalty.wganGp(t -> latentScore(parameters, t), z, zHat, alpha,
                (float) config.gradientPenalty());
        return criticLoss(encodedScore, priorScore, penalty);
    }

    /**
     * (9): L_Reg = E C_zeta(x_inp) - E C_zeta(x) + beta E(||grad C_zeta(x_avg)|| - 1)^2, x_inp = D(z_inp).
     *
     * @param gamma N draws of U[0, 1], the interpolation weights
     * @param partners a permutation of 0..N-1: the image whose code each image's is mixed with
     * @param alpha N draws of U[0, 1], the penalty's
     */
    PhaseLoss imageCritic(ParameterStore parameters, NDArray x, NDArray gamma, int[] partners, NDArray alpha) {
        NDArray interpolated = decode(parameters, interpolatedCodes(parameters, x, gamma, partners), true);
        NDArray realScore = imageScore(parameters, x).mean();
        NDArray interpolatedScore = imageScore(parameters, interpolated).mean();
        GradientPenalty penalty = GradientPenalty.wganGp(t -> imageScore(parameters, t), x, interpolated, alpha,
                (float) config.gradientPenalty());
        return criticLoss(realScore, interpolatedScore, penalty);
    }

    /** (10): L_AEReg = -E C_zeta(D(z_inp)), updating encoder and decoder (FlexAE-SR's smoothing). */
    PhaseLoss smoothing(ParameterStore parameters, NDArray x, NDArray gamma, int[] partners) {
        NDArray score = imageScore(parameters, decode(parameters, interpolatedCodes(parameters, x, gamma, partners),
                true)).mean();
        return new PhaseLoss(score.neg(), Map.of("interpolation_score", score));
    }

    /** (7): L_Gen = -E C_kappa(G_psi(n)), updating P-GEN. */
    PhaseLoss priorGenerator(ParameterStore parameters, NDArray noise) {
        NDArray score = latentScore(parameters, prior(parameters, noise, true)).mean();
        return new PhaseLoss(score.neg(), Map.of("prior_score", score));
    }

    /** (8): L_Enc = E C_kappa(E(x)), updating the encoder. */
    PhaseLoss encoder(ParameterStore parameters, NDArray x) {
        NDArray score = latentScore(parameters, encode(parameters, x, true)).mean();
        return new PhaseLoss(score, Map.of("code_score", score));
    }

    /** z_inp = gamma E(x) + (1 - gamma) E(x)[partners], N x latentDim. */
    private NDArray interpolatedCodes(ParameterStore parameters, NDArray x, NDArray gamma, int[] partners) {
        NDArray z = encode(parameters, x, true);
        long n = z.getShape().get(0);
        long width = z.getShape().get(1);
        if (partners.length != n || gamma.size() != n) {
            throw new IllegalArgumentException("interpolation needs one partner and one gamma per code, got "
                    + partners.length + " and " + gamma.getShape() + " for " + z.getShape());
        }
        long[] rows = new long[Math.toIntExact(n * width)];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                rows[Math.toIntExact(i * width + j)] = partners[i];
            }
        }
        NDArray partnerCodes = z.gather(OwnedArrays.of(z.getManager(), rows, z.getShape()), 0);
        NDArray g = gamma.reshape(n, 1);
        return g.mul(z).add(Scalars.subFrom(1f, g).mul(partnerCodes));
    }

    private static PhaseLoss criticLoss(NDArray realScore, NDArray fakeScore, GradientPenalty penalty) {
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        // The critic's estimate of the Wasserstein distance (the negated loss without the penalty).
        metrics.put("wasserstein", realScore.sub(fakeScore));
        metrics.put("gradient_penalty", penalty.value());
        metrics.put("gradient_norm", penalty.gradientNorm());
        return new PhaseLoss(fakeScore.sub(realScore).add(penalty.value()), metrics);
    }
}
