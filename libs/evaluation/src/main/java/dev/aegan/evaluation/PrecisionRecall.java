package dev.aegan.evaluation;

/**
 * Improved precision and recall (Kynkäänniemi et al., NeurIPS 2019), following the authors' code
 * ({@code kynkaat/improved-precision-and-recall-metric}, {@code precision_recall.py}:
 * {@code ManifoldEstimator.evaluate}): precision is the fraction of generated samples inside the
 * real manifold, recall the fraction of real samples inside the generated manifold, a manifold
 * being the union of the balls around its samples whose radius is the distance to the sample's
 * k-th nearest neighbour, k = {@value #K}.
 *
 * <p>Pitfalls handled: the ball is closed, a point exactly at distance radius is inside
 * ({@code distance_batch <= self.D} in the reference; prdc's version uses {@code <} instead, which
 * is {@link DensityCoverage}'s convention, not this one); the k-th neighbour excludes the sample
 * itself. Distances are exact double-precision Euclidean distances over all pairs (the reference
 * computes them in float16/float32 on a GPU; we do not sample or approximate neighbours).
 */
public final class PrecisionRecall {

    public static final int K = 3;

    public record Result(double precision, double recall) {
    }

    private PrecisionRecall() {
    }

    /** {@code real}: held-out samples' features; {@code generated}: the model's samples' features. */
    public static Result compute(ManifoldEstimate real, ManifoldEstimate generated) {
        int nReal = real.size();
        int nGenerated = generated.size();
        boolean[] realCovered = new boolean[nReal];
        double[] realRadii = real.squaredRadii(K);
        double[] generatedRadii = generated.squaredRadii(K);
        var tasks = PairwiseDistances.scan(real.samples(), generated.samples(),
                () -> new Visitor(realRadii, generatedRadii, realCovered));
        boolean[] generatedInside = new boolean[nGenerated];
        for (Visitor task : tasks) {
            for (int j = 0; j < nGenerated; j++) {
                generatedInside[j] |= task.generatedInside[j];
            }
        }
        return new Result(fraction(generatedInside), fraction(realCovered));
    }

    private static double fraction(boolean[] flags) {
        int count = 0;
        for (boolean flag : flags) {
            if (flag) {
                count++;
            }
        }
        return (double) count / flags.length;
    }

    /** Rows are real samples, columns generated ones. */
    private static final class Visitor implements PairwiseDistances.Visitor {
        private final double[] realRadii;
        private final double[] generatedRadii;
        private final boolean[] realInsideGenerated;
        private final boolean[] generatedInside;

        Visitor(double[] realRadii, double[] generatedRadii, boolean[] realInsideGenerated) {
            this.realRadii = realRadii;
            this.generatedRadii = generatedRadii;
            this.realInsideGenerated = realInsideGenerated;
            this.generatedInside = new boolean[generatedRadii.length];
        }

        @Override
        public void visit(int firstRow, int rowCount, int firstColumn, int columnCount, double[] squared) {
            for (int r = 0; r < rowCount; r++) {
                int i = firstRow + r;
                double realRadius = realRadii[i];
                boolean covered = realInsideGenerated[i];
                for (int c = 0; c < columnCount; c++) {
                    int j = firstColumn + c;
                    double distance = squared[r * columnCount + c];
                    if (distance <= realRadius) {
                        generatedInside[j] = true;
                    }
                    if (distance <= generatedRadii[j]) {
                        covered = true;
                    }
                }
                realInsideGenerated[i] = covered;
            }
        }
    }
}
