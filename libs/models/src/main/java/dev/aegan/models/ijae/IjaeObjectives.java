package dev.aegan.models.ijae;

import static dev.aegan.models.nn.CompositeBlock.apply;
import static dev.aegan.models.nn.CompositeBlock.logits;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.aegan.models.ijae.IjaeFamily.Likelihood;
import dev.aegan.models.nn.LogitLosses;
import dev.aegan.models.nn.Scalars;
import dev.aegan.models.phase.PhaseLoss;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The losses of Section 4 as functions of their random inputs, so that a phase draws them and a
 * test can hand a reference implementation the very same draws.
 *
 * <p>Every "log D/(1-D)" of the paper is the discriminator's logit l, and every binary
 * cross-entropy is computed from logits ({@link LogitLosses}). Expectations are batch means.
 * Networks run in training mode (the generator's batch norms use batch statistics).
 *
 * <p>Images given here are in data space (N x C x H x W in [-1, 1]); {@link Canvas} pads them for
 * the networks and crops the generator's canvases.
 */
record IjaeObjectives(IjaeConfig config, Canvas canvas, Block encoder, Block generator, Block imageDiscriminator,
        Block pairDiscriminator, Block codeDiscriminator) {

    /**
     * r'(y|x) = N(y|x, sigma I) with sigma = 1e-8 (Section 5). The paper writes the second argument
     * of N as a variance (Appendix B: N(x|-8, 0.2^2)), so the noise's standard deviation is
     * sqrt(1e-8) = 1e-4. (A standard deviation of 1e-8 would vanish in float32 for most pixels.)
     */
    static final float R_PRIME_STD = 1e-4f;

    // ---- the networks in data space ----------------------------------------------------------------

    /** z_hat = E(x, xi), xi N x 3 x noiseDim: a draw from the implicit posterior q(z|x). */
    NDArray encode(ParameterStore parameters, NDArray x, NDArray xi, boolean training) {
        return encoder.forward(parameters, new NDList(canvas.pad(x), xi), training).singletonOrThrow();
    }

    /** G(z), cropped to the image. */
    NDArray generate(ParameterStore parameters, NDArray z, boolean training) {
        return canvas.crop(apply(generator, parameters, z, training));
    }

    /** Logits of D_psi(x), shape N. */
    NDArray imageLogits(ParameterStore parameters, NDArray x) {
        return logits(imageDiscriminator, parameters, canvas.pad(x));
    }

    /** Logits of D_tau(x, z, y), shape N. */
    NDArray pairLogits(ParameterStore parameters, NDArray x, NDArray z, NDArray y) {
        return pairDiscriminator.forward(parameters, new NDList(canvas.pad(x), z, canvas.pad(y)), true)
                .singletonOrThrow().reshape(-1);
    }

    /** Logits of D_zeta(x, z), shape N. */
    NDArray codeLogits(ParameterStore parameters, NDArray x, NDArray z) {
        return codeDiscriminator.forward(parameters, new NDList(canvas.pad(x), z), true).singletonOrThrow().reshape(-1);
    }

    // ---- the five losses ------------------------------------------------------------------------

    /**
     * Equation (3), maximised by D_psi: E_p*(x) log D_psi(x) + E_p(z) log(1 - D_psi(G(z))). Returned
     * negated (a loss): E softplus(-l(x)) + E softplus(l(G(z))).
     *
     * @param zPrior N x latentDim draws of p(z) = N(0, I)
     */
    PhaseLoss imageDiscriminator(ParameterStore parameters, NDArray x, NDArray zPrior) {
        NDArray real = imageLogits(parameters, x);
        NDArray fake = imageLogits(parameters, generate(parameters, zPrior, true));
        return discriminatorLoss(real, fake, "real_logit", "fake_logit");
    }

    /**
     * Equation (4), maximised by D_tau: real triplets (x, z, y) ~ p*(x) q(z|x) r(y|x), fake triplets
     * (x, z, y) ~ p*(x) q(z|x) r'(y|G(z)). One z_hat = E(x, xi) per image serves both classes.
     *
     * @param xi N x 3 x noiseDim encoder noise
     * @param shifts one cyclic shift per image: y = shift(x) ~ r(y|x)
     * @param rPrimeNoise N x C x H x W standard normal: y = G(z_hat) + 1e-4 * noise ~ r'(y|G(z_hat))
     */
    PhaseLoss pairDiscriminator(ParameterStore parameters, NDArray x, NDArray xi, List<CyclicShift.Shift> shifts,
            NDArray rPrimeNoise) {
        NDArray zHat = encode(parameters, x, xi, true);
        NDArray realY = CyclicShift.apply(x, shifts);
        NDArray fakeY = generate(parameters, zHat, true).add(Scalars.mul(rPrimeNoise, R_PRIME_STD));
        NDArray real = pairLogits(parameters, x, zHat, realY);
        NDArray fake = pairLogits(parameters, x, zHat, fakeY);
        return discriminatorLoss(real, fake, "real_logit", "fake_logit");
    }

    /**
     * Equation (5), maximised by D_zeta: E_p*(x)p(z) log D_zeta(x, z) + E_p*(x)q(z|x) log(1 - D_zeta(x, z)):
     * the prior's codes are the real class, the encoder's the fake one.
     */
    PhaseLoss codeDiscriminator(ParameterStore parameters, NDArray x, NDArray xi, NDArray zPrior) {
        NDArray real = codeLogits(parameters, x, zPrior);
        NDArray fake = codeLogits(parameters, x, encode(parameters, x, xi, true));
        return discriminatorLoss(real, fake, "prior_logit", "posterior_logit");
    }

    /**
     * The generator's loss from the final objective (1 - lambda) KL(p_theta||p*) - lambda ELBO:
     * <pre>
     *   L_G = -(1 - lambda) E_p(z) l_psi(G(z)) - lambda E_p*(x)q(z|x) l_tau(x, z, G(z))
     * </pre>
     * Equation (6) as printed swaps lambda and 1 - lambda; the objective above it and the paper's
     * results (small lambda: better IS, worse LPIPS) fix the reading (libs/models/README.md). For the ablations
     * the implicit term becomes the explicit likelihood: + lambda E[-log p(x|G(z_hat))] up to a
     * constant, i.e. lambda * weight * (sum |x - G| or 0.5 sum (x - G)^2).
     */
    PhaseLoss generator(ParameterStore parameters, NDArray x, NDArray xi, NDArray zPrior) {
        float lambda = (float) config.lambda();
        NDArray zHat = encode(parameters, x, xi, true);
        NDArray reconstruction = generate(parameters, zHat, true);
        NDArray sampleLogit = imageLogits(parameters, generate(parameters, zPrior, true)).mean();
        // Reverse-KL part: -(1 - lambda) E log D_psi/(1 - D_psi) at G(z) (Huszar 2016, Section 3).
        NDArray loss = Scalars.mul(sampleLogit, -(1 - lambda));
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put("sample_logit", sampleLogit);
        if (config.likelihood() == Likelihood.IMPLICIT) {
            // Reconstruction part, Theorem 1: -lambda E log D_tau/(1 - D_tau) at (x, z_hat, G(z_hat)).
            NDArray reconstructionLogit = pairLogits(parameters, x, zHat, reconstruction).mean();
            loss = loss.sub(Scalars.mul(reconstructionLogit, lambda));
            metrics.put("reconstruction_logit", reconstructionLogit);
        } else {
            NDArray negativeLogLikelihood = explicitNegativeLogLikelihood(x, reconstruction);
            loss = loss.add(Scalars.mul(negativeLogLikelihood, lambda));
            metrics.put("reconstruction", negativeLogLikelihood);
        }
        return new PhaseLoss(loss, metrics);
    }

    /**
     * Equation (7), the encoder's share of -lambda ELBO:
     * <pre>
     *   L_E = -lambda E_p*(x)q(z|x) [ l_tau(x, z, G(z)) + l_zeta(x, z) ]
     * </pre>
     * where -E l_zeta estimates KL(q(z|x)||p(z)) (D_zeta's real class is the prior). For the
     * ablations the l_tau term is the explicit negative log-likelihood, as in {@link #generator}.
     *
     * <p>Our reading: l_tau estimates log r(y|x)/r'(y|G(z)), a likelihood whose dependence on the
     * code is through G(z); D_tau's direct z input only conditions the ratio. Differentiating it
     * with respect to that input gives the encoder a path that is no likelihood gradient: on
     * Fashion-MNIST the encoder follows it, both of D_tau's logits grow together without bound
     * (7,000 by step 300) and q(z|x) leaves the prior (D_zeta logit -2,000). So the code reaches
     * D_tau's direct input without gradient here, and the encoder learns the likelihood term
     * through G(z) only; {@code encoderThroughTauCode = true} restores the printed gradient.
     */
    PhaseLoss encoder(ParameterStore parameters, NDArray x, NDArray xi) {
        float lambda = (float) config.lambda();
        NDArray zHat = encode(parameters, x, xi, true);
        NDArray reconstruction = generate(parameters, zHat, true);
        NDArray codeLogit = codeLogits(parameters, x, zHat).mean();
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        NDArray negativeElbo;
        if (config.likelihood() == Likelihood.IMPLICIT) {
            NDArray tauCode = config.encoderThroughTauCode() ? zHat : zHat.stopGradient();
            NDArray reconstructionLogit = pairLogits(parameters, x, tauCode, reconstruction).mean();
            negativeElbo = reconstructionLogit.add(codeLogit).neg();
            metrics.put("reconstruction_logit", reconstructionLogit);
        } else {
            NDArray negativeLogLikelihood = explicitNegativeLogLikelihood(x, reconstruction);
            negativeElbo = negativeLogLikelihood.sub(codeLogit);
            metrics.put("reconstruction", negativeLogLikelihood);
        }
        metrics.put("code_logit", codeLogit);
        return new PhaseLoss(Scalars.mul(negativeElbo, lambda), metrics);
    }

    /**
     * -log p(x|z) up to its constant, summed over pixels and averaged over the batch: Laplace with
     * scale 1/weight (weight * sum |x - G(z)|) or Gaussian with variance 1/weight
     * (weight * 0.5 * sum (x - G(z))^2), the ablations lambda-IJAE-L1 and -L2.
     */
    NDArray explicitNegativeLogLikelihood(NDArray x, NDArray reconstruction) {
        NDArray difference = x.sub(reconstruction);
        NDArray perPixel = config.likelihood() == Likelihood.LAPLACE ? difference.abs()
                : Scalars.mul(difference.square(), 0.5f);
        return Scalars.mul(perPixel.sum(new int[] {1, 2, 3}).mean(), (float) config.reconstructionWeight());
    }

    /** Binary cross-entropy of a discriminator: E softplus(-l_real) + E softplus(l_fake). */
    private static PhaseLoss discriminatorLoss(NDArray real, NDArray fake, String realName, String fakeName) {
        NDArray loss = LogitLosses.discriminator(real, fake);
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put(realName, real.mean());
        metrics.put(fakeName, fake.mean());
        return new PhaseLoss(loss, metrics);
    }
}
