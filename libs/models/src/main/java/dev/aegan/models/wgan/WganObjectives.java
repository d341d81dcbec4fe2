package dev.aegan.models.wgan;

import static dev.aegan.models.nn.CompositeBlock.apply;
import static dev.aegan.models.nn.CompositeBlock.logits;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.aegan.models.nn.GradientPenalty;
import dev.aegan.models.phase.PhaseLoss;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two losses of Algorithm 1 (Gulrajani et al. 2017) as functions of their random inputs, so that
 * a phase draws them and a test hands a reference implementation the very same draws. Expectations
 * are batch means; both networks run in training mode (the generator's batch norms use batch
 * statistics and update their running ones, in the critic's phases too, as in PyTorch GAN code).
 */
record WganObjectives(WganConfig config, Block generator, Block critic) {

    /** G(z), N x C x H x W in [-1, 1]. */
    NDArray generate(ParameterStore parameters, NDArray z, boolean training) {
        return apply(generator, parameters, z, training);
    }

    /** D(x), shape N. */
    NDArray score(ParameterStore parameters, NDArray x) {
        return logits(critic, parameters, x);
    }

    /**
     * Algorithm 1, line 7 (equation (3)), averaged over the batch:
     * L = E D(x_fake) - E D(x) + lambda E[(||grad D(x_hat)||_2 - 1)^2], x_fake = G(z),
     * x_hat = eps x + (1 - eps) x_fake.
     *
     * @param z N x latentDim draws of p(z) = N(0, I)
     * @param eps N draws of U[0, 1]
     */
    PhaseLoss critic(ParameterStore parameters, NDArray x, NDArray z, NDArray eps) {
        NDArray fake = generate(parameters, z, true);
        NDArray realScore = score(parameters, x).mean();
        NDArray fakeScore = score(parameters, fake).mean();
        GradientPenalty penalty = GradientPenalty.wganGp(t -> score(parameters, t), x, fake, eps,
                (float) config.gradientPenalty());
        NDArray loss = fakeScore.sub(realScore).add(penalty.value());
        Map<String, NDArray> metrics = new LinkedHashMap<>();
        // The critic's estimate of the Wasserstein distance (the negated loss without the penalty).
        metrics.put("wasserstein", realScore.sub(fakeScore));
        metrics.put("gradient_penalty", penalty.value());
        metrics.put("gradient_norm", penalty.gradientNorm());
        return new PhaseLoss(loss, metrics);
    }

    /** Algorithm 1, line 12: L_G = -E D(G(z)). */
    PhaseLoss generator(ParameterStore parameters, NDArray z) {
        NDArray fakeScore = score(parameters, generate(parameters, z, true)).mean();
        return new PhaseLoss(fakeScore.neg(), Map.of("fake_score", fakeScore));
    }
}
