package dev.aegan.models.wae;

import ai.djl.ndarray.NDArray;
import dev.aegan.models.nn.Scalars;

/**
 * The MMD penalty of WAE-MMD (Tolstikhin et al. 2018, Algorithm 2 and Section 4) with the inverse
 * multiquadratics kernel k(x, y) = C / (C + ||x - y||^2), summed over the scales C = 2 d_z sigma^2 s,
 * s in {.1, .2, .5, 1, 2, 5, 10}, sigma^2 = 1 (the prior N(0, I)), as the authors' wae.py does:
 * <pre>
 *   sum_s [ 1/(n(n-1)) sum_{i != j} (k(z_i, z_j) + k(q_i, q_j)) - 2/n^2 sum_{i, j} k(z_i, q_j) ]
 * </pre>
 * (unbiased within each sample, biased across, as printed in Algorithm 2).
 */
final class InverseMultiquadraticMmd {

    static final double[] SCALES = {.1, .2, .5, 1., 2., 5., 10.};
    static final double PRIOR_VARIANCE = 1.0;

    private InverseMultiquadraticMmd() {
    }

    /**
     * @param encoded q, N x d_z codes of the encoder
     * @param prior z, N x d_z draws of P_Z
     */
    static NDArray of(NDArray encoded, NDArray prior) {
        long n = encoded.getShape().get(0);
        if (n < 2 || prior.getShape().get(0) != n) {
            throw new IllegalArgumentException("the MMD needs two samples of one size >= 2, got " + encoded.getShape()
                    + " and " + prior.getShape());
        }
        NDArray encodedDistances = squaredDistances(encoded, encoded);
        NDArray priorDistances = squaredDistances(prior, prior);
        NDArray crossDistances = squaredDistances(encoded, prior);
        double base = 2.0 * encoded.getShape().get(1) * PRIOR_VARIANCE;
        NDArray statistic = null;
        for (double scale : SCALES) {
            float c = (float) (base * scale);
            // Diagonal distances are exactly 0 (differences of equal rows), so each diagonal kernel
            // value is exactly 1: the sums over i != j are the full sums less n.
            NDArray within = kernel(encodedDistances, c).sum().add(kernel(priorDistances, c).sum());
            within = Scalars.div(Scalars.sub(within, 2f * n), (float) n * (n - 1));
            NDArray across = Scalars.mul(kernel(crossDistances, c).sum(), 2f / ((float) n * n));
            NDArray term = within.sub(across);
            statistic = statistic == null ? term : statistic.add(term);
        }
        return statistic;
    }

    /** ||a_i - b_j||^2, N x M, from the differences (not the expansion, whose diagonal is not exactly 0). */
    static NDArray squaredDistances(NDArray a, NDArray b) {
        return a.expandDims(1).sub(b.expandDims(0)).square().sum(new int[] {2});
    }

    private static NDArray kernel(NDArray squaredDistances, float c) {
        return Scalars.divFrom(c, Scalars.add(squaredDistances, c));
    }
}
