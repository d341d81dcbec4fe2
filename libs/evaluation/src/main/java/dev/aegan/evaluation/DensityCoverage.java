package dev.aegan.evaluation;

/**
 * Density and coverage (Naeem et al., ICML 2020), following the authors' {@code prdc} package
 * ({@code clovaai/generative-evaluation-prdc}, {@code prdc/prdc.py}, {@code compute_prdc}) with
 * k = {@value #K} neighbours:
 * <ul>
 *   <li>density = {@code 1/(k M) sum_j sum_i [d(Y_j, X_i) < r_k(X_i)]}: how many real balls each
 *   generated sample falls into, on average, over k (1 when the two sets have the same law; can
 *   exceed 1);</li>
 *   <li>coverage = {@code 1/N sum_i [min_j d(X_i, Y_j) < r_k(X_i)]}: the fraction of real samples
 *   whose ball holds at least one generated sample.</li>
 * </ul>
 * X are the N real samples, Y the M generated ones, {@code r_k} the distance to the k-th nearest
 * other real sample.
 *
 * <p>Pitfalls handled: the comparison is strict ({@code <}) as in prdc, unlike
 * {@link PrecisionRecall}'s closed balls; only real balls are used (no generated-sample radii);
 * distances are exact over all pairs.
 */
public final class DensityCoverage {

    public static final int K = 5;

    public record Result(double density, double coverage) {
    }

    private DensityCoverage() {
    }

    public static Result compute(ManifoldEstimate real, FeatureMatrix generated) {
        double[] realRadii = real.squaredRadii(K);
        boolean[] covered = new boolean[real.size()];
        long[] balls = new long[1];
        // rows are real samples, columns generated ones
        PairwiseDistances.scanTensors(real.samples(), generated, (firstRow, firstColumn, squared) -> {
            long[] inside = BlockReductions.count(squared.lt(BlockReductions.perRow(squared, realRadii, firstRow)), 1);
            for (int r = 0; r < inside.length; r++) {
                balls[0] += inside[r];
                covered[firstRow + r] |= inside[r] > 0;
            }
        });
        int coveredCount = 0;
        for (boolean c : covered) {
            if (c) {
                coveredCount++;
            }
        }
        return new Result((double) balls[0] / ((double) K * generated.rows()), (double) coveredCount / real.size());
    }
}
