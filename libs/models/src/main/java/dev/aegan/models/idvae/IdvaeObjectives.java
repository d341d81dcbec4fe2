package dev.aegan.models.idvae;

import static dev.aegan.models.nn.CompositeBlock.apply;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.aegan.models.nn.CompositeBlock;
import dev.aegan.models.nn.DiagonalGaussian;
import dev.aegan.models.nn.LogitLosses;
import dev.aegan.models.nn.ReconstructionCosts;
import dev.aegan.models.nn.Scalars;
import dev.aegan.models.phase.PhaseLoss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * IDVAE's three losses (paper 004, Section 3.3) as functions of their random inputs, so that a phase
 * draws them and a test hands a reference implementation the very same draws. Expectations are batch
 * means; networks run in training mode. z = mu + sigma eps is a draw of q(z|x) = Enc(x) (1), so
 * "Dec(Enc(x))" decodes such a draw; z' ~ N(0, I).
 *
 * <p>Readings:
 * <ul>
 *   <li>L_recons (4) = -log p(x|z) with a unit-variance Gaussian: 1/2 ||x - Dec(z)||^2 summed over
 *       pixels, dropping the constant (Section 5.1 calls it "the standard square loss"); L_prior (5) the
 *       closed-form KL.</li>
 *   <li>L_recons^dis (10)-(11): -log N(Dis_l(x~) | Dis_l(x), I) = 1/2 ||Dis_l(Dec(z)) - Dis_l(x)||^2
 *       summed over the features of the shared trunk, without the constant; (10) writes the density of
 *       Dis_l(x~) with mean Dis_l(x), (11) its log of Dis_l(x): the same value.</li>
 *   <li>(9) and (12) are the printed sums of binary cross-entropies from logits, without the 1/2 that
 *       the text says it dropped.</li>
 *   <li>IDVAE(R) "explicitly minimize[s] L_recons in the decoder": (13) plus alpha L_recons.</li>
 *   <li>C-IDVAE: every network call takes the batch's one-hot labels y ({@code condition}; null when
 *       unconditional): Enc(x, y) = Dis(x, y) through the shared trunk, Dec(z, y) on the concatenation
 *       of z and y. Samples Dec(z', y) of the losses take the batch's labels, so fake and real images
 *       of a batch have the same classes (drawing y' from the data's label distribution).</li>
 * </ul>
 */
record IdvaeObjectives(IdvaeConfig config, Block shared, Block encoderHead, Block discriminatorHead, Block decoder) {

    /** Enc_l(x) = Dis_l(x), N x features; {@code condition}: N x classes one-hot labels, or null. */
    NDArray features(ParameterStore parameters, NDArray x, NDArray condition, boolean training) {
        NDList inputs = condition == null ? new NDList(x) : new NDList(x, condition);
        return shared.forward(parameters, inputs, training).singletonOrThrow();
    }

    /** Mean and log-variance of q(z|x) from the shared features. */
    NDList posterior(ParameterStore parameters, NDArray features, boolean training) {
        return apply(encoderHead, parameters, features, training).split(2, 1);
    }

    /** Dis(x) as a logit, shape N, from the shared features. */
    NDArray logits(ParameterStore parameters, NDArray features) {
        return CompositeBlock.logits(discriminatorHead, parameters, features);
    }

    /** Dec(z), N x C x H x W in [-1, 1]. */
    NDArray decode(ParameterStore parameters, NDArray z, NDArray condition, boolean training) {
        NDArray input = condition == null ? z : z.concat(condition, 1);
        return apply(decoder, parameters, input, training);
    }

    /**
     * (9), updating theta_shared and theta_dis (Algorithm 1, line 9):
     * -[log Dis(x) + log(1 - Dis(Dec(z'))) + log(1 - Dis(Dec(Enc(x))))].
     *
     * @param eps N x latentDim draws of N(0, I) for z ~ q(z|x)
     * @param prior z', N x latentDim draws of N(0, I)
     */
    PhaseLoss discriminator(ParameterStore parameters, NDArray x, NDArray condition, NDArray eps, NDArray prior) {
        NDArray realLogits = discriminate(parameters, x, condition);
        NDArray sampleLogits = discriminate(parameters, decode(parameters, prior, condition, true), condition);
        NDArray reconstructionLogits = discriminate(parameters,
                decode(parameters, encodeSample(parameters, x, condition, eps), condition, true), condition);
        NDArray loss = LogitLosses.discriminator(realLogits, sampleLogits)
                .add(LogitLosses.softplus(reconstructionLogits).mean());
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put("real_logit", realLogits.mean());
        metrics.put("sample_logit", sampleLogits.mean());
        metrics.put("reconstruction_logit", reconstructionLogits.mean());
        return new PhaseLoss(loss, metrics);
    }

    /** (8), updating theta_shared and theta_enc (Algorithm 1, line 10): alpha L_recons + beta L_prior. */
    PhaseLoss encoder(ParameterStore parameters, NDArray x, NDArray condition, NDArray eps) {
        NDList posterior = posterior(parameters, features(parameters, x, condition, true), true);
        NDArray z = DiagonalGaussian.sample(posterior.get(0), posterior.get(1), eps);
        NDArray reconstruction = pixelReconstruction(x, decode(parameters, z, condition, true));
        NDArray kl = DiagonalGaussian.klFromStandardNormal(posterior.get(0), posterior.get(1));
        NDArray loss = Scalars.mul(reconstruction, (float) config.reconstructionWeight())
                .add(Scalars.mul(kl, (float) config.priorWeight()));
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put("reconstruction", reconstruction);
        metrics.put("kl", kl);
        return new PhaseLoss(loss, metrics);
    }

    /**
     * (13), updating theta_dec (Algorithm 1, line 11): omega L_GAN (12) + lambda L_recons^dis (11),
     * plus alpha L_recons for IDVAE(R).
     */
    PhaseLoss decoder(ParameterStore parameters, NDArray x, NDArray condition, NDArray eps, NDArray prior) {
        NDArray reconstructed = decode(parameters, encodeSample(parameters, x, condition, eps), condition, true);
        NDArray realFeatures = features(parameters, x, condition, true);
        NDArray reconstructedFeatures = features(parameters, reconstructed, condition, true);
        NDArray reconstructionLogits = logits(parameters, reconstructedFeatures);
        NDArray sampleLogits = discriminate(parameters, decode(parameters, prior, condition, true), condition);
        NDArray adversarial = LogitLosses.nonSaturating(sampleLogits)
                .add(LogitLosses.nonSaturating(reconstructionLogits));
        NDArray featureReconstruction = Scalars.mul(
                reconstructedFeatures.sub(realFeatures).square().sum(new int[] {1}), 0.5f).mean();
        NDArray loss = Scalars.mul(adversarial, (float) config.adversarialWeight())
                .add(Scalars.mul(featureReconstruction, (float) config.featureReconstructionWeight()));
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put("adversarial", adversarial);
        metrics.put("feature_reconstruction", featureReconstruction);
        if (config.decoderReconstructs()) {
            NDArray reconstruction = pixelReconstruction(x, reconstructed);
            loss = loss.add(Scalars.mul(reconstruction, (float) config.reconstructionWeight()));
            metrics.put("reconstruction", reconstruction);
        }
        metrics.put("sample_logit", sampleLogits.mean());
        metrics.put("reconstruction_logit", reconstructionLogits.mean());
        return new PhaseLoss(loss, metrics);
    }

    private NDArray discriminate(ParameterStore parameters, NDArray images, NDArray condition) {
        return logits(parameters, features(parameters, images, condition, true));
    }

    /** z = mu + sigma eps, a draw of q(z|x). */
    private NDArray encodeSample(ParameterStore parameters, NDArray x, NDArray condition, NDArray eps) {
        NDList posterior = posterior(parameters, features(parameters, x, condition, true), true);
        return DiagonalGaussian.sample(posterior.get(0), posterior.get(1), eps);
    }

    /** L_recons (4): 1/2 ||x - x~||^2 per image, averaged over the batch. */
    private static NDArray pixelReconstruction(NDArray x, NDArray reconstructed) {
        return Scalars.mul(ReconstructionCosts.squaredError(x, reconstructed), 0.5f);
    }
}
