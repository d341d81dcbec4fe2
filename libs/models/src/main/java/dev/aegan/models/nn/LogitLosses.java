package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * Binary cross-entropies of a discriminator computed from its logits l (= log D/(1-D)), never from
 * probabilities: log D = -softplus(-l), log(1 - D) = -softplus(l), with
 * softplus(t) = max(t, 0) + log(1 + exp(-|t|)) (no overflow, no log of 0). Expectations are batch
 * means; logits are N-shaped.
 */
public final class LogitLosses {

    private LogitLosses() {
    }

    /** log(1 + exp(t)) = max(t, 0) + log(1 + exp(-|t|)). */
    public static NDArray softplus(NDArray t) {
        return Activation.relu(t).add(Scalars.add(t.abs().neg().exp(), 1f).log());
    }

    /**
     * What a discriminator minimises: -E log D(real) - E log(1 - D(fake))
     * = E softplus(-l_real) + E softplus(l_fake).
     */
    public static NDArray discriminator(NDArray realLogits, NDArray fakeLogits) {
        return softplus(realLogits.neg()).mean().add(softplus(fakeLogits).mean());
    }

    /**
     * The non-saturating loss of whatever produces the fakes (Goodfellow et al. 2014, Section 3):
     * -E log D(fake) = E softplus(-l_fake).
     */
    public static NDArray nonSaturating(NDArray fakeLogits) {
        return softplus(fakeLogits.neg()).mean();
    }
}
