package dev.aegan.models.alphagan;

import static dev.aegan.models.nn.CompositeBlock.apply;
import static dev.aegan.models.nn.CompositeBlock.logits;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.aegan.models.nn.LogitLosses;
import dev.aegan.models.nn.Scalars;
import dev.aegan.models.phase.PhaseLoss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four losses of alpha-GAN's Algorithm 1 (Appendix B) as functions of their random inputs, so that
 * a phase draws them and a test hands a reference implementation the very same draws.
 *
 * <p>The paper's equations, (8)-(9) and Algorithm 1's (10)-(17), were lost in extraction. Our reading
 * (libs/models/README.md), with the authors' later correction of the code discriminator's labels (prior codes are
 * its real class), where z_hat = E(x), x_rec = G(z_hat), x_gen = G(z), z ~ N(0, I), D and C return
 * logits l = log D/(1-D):
 * <pre>
 *   encoder:            lambda |x - x_rec|_1 + A(l_C(z_hat))
 *   generator:          lambda |x - x_rec|_1 + A(l_D(x_rec)) + A(l_D(x_gen))
 *   discriminator:      -log D(x) - log(1 - D(x_rec)) - log(1 - D(x_gen))
 *   code discriminator: -log C(z) - log(1 - C(z_hat))
 * </pre>
 * A(l) = -log D = softplus(-l) in the non-saturating form (Section 3, "Improved Techniques", (9)),
 * A(l) = -log(D/(1-D)) = -l in Algorithm 1's density-ratio form. Each term is a batch mean.
 * |x - x_rec|_1 is read as the mean absolute error per pixel (the L1 loss of the sweep 1, 5, 10, 50 in
 * H.1, as AGE's reconstruction weights, whose sweep alpha-GAN's baselines reuse, are weights of
 * per-pixel means); a per-image sum would be lambda times C*H*W. Reconstructions and samples are
 * separate passes through D (each its own batch-norm statistics), as DCGAN code feeds real and
 * fake batches. Networks run in training mode.
 */
record AlphaGanObjectives(AlphaGanConfig config, Block encoder, Block generator, Block discriminator,
        Block codeDiscriminator) {

    /** E(x), N x latentDim. */
    NDArray encode(ParameterStore parameters, NDArray x, boolean training) {
        return apply(encoder, parameters, x, training);
    }

    /** G(z), N x C x H x W in [-1, 1]. */
    NDArray generate(ParameterStore parameters, NDArray z, boolean training) {
        return apply(generator, parameters, z, training);
    }

    /** l_D(x), shape N. */
    NDArray discriminatorLogits(ParameterStore parameters, NDArray x) {
        return logits(discriminator, parameters, x);
    }

    /** l_C(z), shape N. */
    NDArray codeLogits(ParameterStore parameters, NDArray z) {
        return logits(codeDiscriminator, parameters, z);
    }

    /** Algorithm 1, the encoder's update: lambda |x - G(E(x))|_1 + A(l_C(E(x))). */
    PhaseLoss encoder(ParameterStore parameters, NDArray x) {
        NDArray zHat = encode(parameters, x, true);
        NDArray reconstruction = reconstruction(x, generate(parameters, zHat, true));
        NDArray code = codeLogits(parameters, zHat);
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put("reconstruction", reconstruction);
        metrics.put("code_logit", code.mean());
        return new PhaseLoss(weighted(reconstruction).add(adversarial(code)), metrics);
    }

    /**
     * Algorithm 1, the generator's update (Section 3's (9) in the non-saturating form):
     * lambda |x - G(E(x))|_1 + A(l_D(G(E(x)))) + A(l_D(G(z))).
     *
     * @param z N x latentDim draws of N(0, I)
     */
    PhaseLoss generator(ParameterStore parameters, NDArray x, NDArray z) {
        NDArray reconstructed = generate(parameters, encode(parameters, x, true), true);
        NDArray reconstruction = reconstruction(x, reconstructed);
        NDArray reconstructionLogits = discriminatorLogits(parameters, reconstructed);
        NDArray sampleLogits = discriminatorLogits(parameters, generate(parameters, z, true));
        NDArray loss = weighted(reconstruction).add(adversarial(reconstructionLogits)).add(adversarial(sampleLogits));
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put("reconstruction", reconstruction);
        metrics.put("reconstruction_logit", reconstructionLogits.mean());
        metrics.put("sample_logit", sampleLogits.mean());
        return new PhaseLoss(loss, metrics);
    }

    /**
     * Algorithm 1, the discriminator's update, reconstructions and samples both fakes (Section 3):
     * E softplus(-l_D(x)) + E softplus(l_D(x_rec)) + E softplus(l_D(x_gen)).
     */
    PhaseLoss discriminator(ParameterStore parameters, NDArray x, NDArray z) {
        NDArray realLogits = discriminatorLogits(parameters, x);
        NDArray reconstructionLogits = discriminatorLogits(parameters,
                generate(parameters, encode(parameters, x, true), true));
        NDArray sampleLogits = discriminatorLogits(parameters, generate(parameters, z, true));
        NDArray loss = LogitLosses.discriminator(realLogits, reconstructionLogits)
                .add(LogitLosses.softplus(sampleLogits).mean());
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put("real_logit", realLogits.mean());
        metrics.put("reconstruction_logit", reconstructionLogits.mean());
        metrics.put("sample_logit", sampleLogits.mean());
        return new PhaseLoss(loss, metrics);
    }

    /**
     * Algorithm 1, the code discriminator's update, labels as corrected by the authors (prior real):
     * E softplus(-l_C(z)) + E softplus(l_C(E(x))).
     */
    PhaseLoss codeDiscriminator(ParameterStore parameters, NDArray x, NDArray z) {
        NDArray priorLogits = codeLogits(parameters, z);
        NDArray encodedLogits = codeLogits(parameters, encode(parameters, x, true));
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put("prior_logit", priorLogits.mean());
        metrics.put("code_logit", encodedLogits.mean());
        return new PhaseLoss(LogitLosses.discriminator(priorLogits, encodedLogits), metrics);
    }

    /** |x - x_rec|_1 as a mean over pixels and batch. */
    static NDArray reconstruction(NDArray x, NDArray reconstructed) {
        return x.sub(reconstructed).abs().mean();
    }

    private NDArray weighted(NDArray reconstruction) {
        return Scalars.mul(reconstruction, (float) config.reconstructionWeight());
    }

    /** A(l): what the encoder or generator minimises for fakes of logits l to pass as real. */
    private NDArray adversarial(NDArray fakeLogits) {
        return config.densityRatio() ? fakeLogits.mean().neg() : LogitLosses.nonSaturating(fakeLogits);
    }
}
