package dev.aegan.models.wae;

import static dev.aegan.models.nn.CompositeBlock.apply;
import static dev.aegan.models.nn.CompositeBlock.logits;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.aegan.models.nn.LogitLosses;
import dev.aegan.models.nn.ReconstructionCosts;
import dev.aegan.models.nn.Scalars;
import dev.aegan.models.phase.PhaseLoss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The penalised WAE objective D_WAE (Tolstikhin et al. 2018, Section 2): E c(x, G(E(x))) + lambda D_Z(Q_Z, P_Z),
 * with c(x, y) = ||x - y||_2^2 summed over pixels, as functions of their random inputs, so that a
 * phase draws them and a test hands a reference implementation the very same draws. Expectations are
 * batch means; networks run in training mode (batch norms on batch statistics).
 *
 * <p>The authors' code scales the cost by 0.05 on pixels in [0, 1]; by default we keep the paper's c on
 * our pixels in [-1, 1] (4 times the [0, 1] squared distance), so lambda weighs the penalty against a
 * cost 80 times the code's; {@code reconstructionCost = authors-code} weighs c by
 * {@link WaeConfig#AUTHORS_CODE_COST_FACTOR} (1/80), the code's cost on our pixels.
 */
record WaeObjectives(WaeConfig config, Block encoder, Block decoder, Block adversary) {

    /** E(x), N x latentDim. */
    NDArray encode(ParameterStore parameters, NDArray x, boolean training) {
        return apply(encoder, parameters, x, training);
    }

    /** G(z), N x C x H x W in [-1, 1]. */
    NDArray decode(ParameterStore parameters, NDArray z, boolean training) {
        return apply(decoder, parameters, z, training);
    }

    /** Logits of the adversary D(z), shape N. */
    NDArray adversaryLogits(ParameterStore parameters, NDArray z) {
        return logits(adversary, parameters, z);
    }

    /** E c(x, y), weighed as {@link WaeConfig#reconstructionCost()} says. */
    private NDArray reconstructionCost(NDArray x, NDArray reconstruction) {
        return Scalars.mul(ReconstructionCosts.squaredError(x, reconstruction), config.reconstructionCostFactor());
    }

    /**
     * WAE-MMD (Algorithm 2): E ||x - G(E(x))||^2 + lambda MMD_k(Q_Z, P_Z), updating encoder and decoder.
     *
     * @param zPrior N x latentDim draws of P_Z = N(0, I)
     */
    PhaseLoss autoencoderWithMmd(ParameterStore parameters, NDArray x, NDArray zPrior) {
        NDArray codes = encode(parameters, x, true);
        NDArray reconstruction = reconstructionCost(x, decode(parameters, codes, true));
        NDArray mmd = InverseMultiquadraticMmd.of(codes, zPrior);
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put("reconstruction", reconstruction);
        metrics.put("mmd", mmd);
        return new PhaseLoss(reconstruction.add(Scalars.mul(mmd, (float) config.lambda())), metrics);
    }

    /**
     * WAE-GAN (Algorithm 1), the encoder and decoder's step: E ||x - G(E(x))||^2 - lambda E log D(E(x)),
     * the non-saturating form the algorithm prints.
     */
    PhaseLoss autoencoderWithAdversary(ParameterStore parameters, NDArray x) {
        NDArray codes = encode(parameters, x, true);
        NDArray reconstruction = reconstructionCost(x, decode(parameters, codes, true));
        NDArray codeLogits = adversaryLogits(parameters, codes);
        NDArray adversarial = LogitLosses.nonSaturating(codeLogits);
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put("reconstruction", reconstruction);
        metrics.put("adversarial", adversarial);
        metrics.put("code_logit", codeLogits.mean());
        return new PhaseLoss(reconstruction.add(Scalars.mul(adversarial, (float) config.lambda())), metrics);
    }

    /**
     * WAE-GAN (Algorithm 1), the adversary's step: it ascends lambda (E log D(z) + E log(1 - D(E(x)))),
     * prior codes the real class; returned as the loss lambda (E softplus(-l(z)) + E softplus(l(E(x)))).
     */
    PhaseLoss adversary(ParameterStore parameters, NDArray x, NDArray zPrior) {
        NDArray priorLogits = adversaryLogits(parameters, zPrior);
        NDArray codeLogits = adversaryLogits(parameters, encode(parameters, x, true));
        NDArray loss = Scalars.mul(LogitLosses.discriminator(priorLogits, codeLogits), (float) config.lambda());
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        metrics.put("prior_logit", priorLogits.mean());
        metrics.put("code_logit", codeLogits.mean());
        return new PhaseLoss(loss, metrics);
    }
}
