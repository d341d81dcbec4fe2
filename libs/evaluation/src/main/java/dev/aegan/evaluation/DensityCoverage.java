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
        var tasks = PairwiseDistances.scan(real.samples(), generated, () -> new Visitor(realRadii, covered));
        long balls = 0;
        for (Visitor task : tasks) {
            balls += task.ballsEntered;
        }
        int coveredCount = 0;
        for (boolean c : covered) {
            if (c) {
                coveredCount++;
            }
        }
        return new Result((double) balls / ((double) K * generated.rows()), (double) coveredCount / real.size());
    }

    /** Rows are real samples, columns generated ones. */
    private static final class Visitor implements PairwiseDistances.Visitor {
        private final double[] realRadii;
        private final boolean[] covered;
        private long ballsEntered;

        Visitor(double[] realRadii, boolean[] covered) {
            this.realRadii = realRadii;
            this.covered = covered;
        }

        @Override
        public void visit(int firstRow, int rowCount, int firstColumn, int columnCount, double[] squared) {
            for (int r = 0; r < rowCount; r++) {
                int i = firstRow + r;
                double radius = realRadii[i];
                int inside = 0;
                for (int c = 0; c < columnCount; c++) {
                    if (squared[r * columnCount + c] < radius) {
                        inside++;
                    }
                }
                ballsEntered += inside;
                if (inside > 0) {
                    covered[i] = true;
                }
            }
        }
    }
}
