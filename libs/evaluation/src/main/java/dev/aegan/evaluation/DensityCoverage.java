package dev.aegan.evaluation;

import ai.djl.ndarray.NDArray;

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
        Counts counts = new Counts(real, generated.rows());
        PairwiseDistances.scanTensors(real.samples(), generated, counts);
        return counts.result();
    }

    /** What a scan of the distances finds, block by block: rows are real samples, columns generated ones. */
    static final class Counts implements PairwiseDistances.TensorVisitor {
        private final double[] realRadii;
        private final boolean[] covered;
        private final int generatedCount;
        private long balls;

        Counts(ManifoldEstimate real, int generatedCount) {
            realRadii = real.squaredRadii(K);
            covered = new boolean[real.size()];
            this.generatedCount = generatedCount;
        }

        @Override
        public void visit(int firstRow, int firstColumn, NDArray squared) {
            long[] inside = BlockReductions.count(squared.lt(BlockReductions.perRow(squared, realRadii, firstRow)), 1);
            for (int r = 0; r < inside.length; r++) {
                balls += inside[r];
                covered[firstRow + r] |= inside[r] > 0;
            }
        }

        Result result() {
            int coveredCount = 0;
            for (boolean c : covered) {
                if (c) {
                    coveredCount++;
                }
            }
            return new Result((double) balls / ((double) K * generatedCount), (double) coveredCount / covered.length);
        }
    }
}
