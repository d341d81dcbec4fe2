package dev.aegan.evaluation;

import ai.djl.ndarray.NDArray;

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
        Counts counts = new Counts(real, generated);
        PairwiseDistances.scanTensors(real.samples(), generated.samples(), counts);
        return counts.result();
    }

    /** What a scan of the distances finds, block by block: rows are real samples, columns generated ones. */
    static final class Counts implements PairwiseDistances.TensorVisitor {
        private final double[] realRadii;
        private final double[] generatedRadii;
        private final boolean[] realCovered;
        private final boolean[] generatedInside;

        Counts(ManifoldEstimate real, ManifoldEstimate generated) {
            realRadii = real.squaredRadii(K);
            generatedRadii = generated.squaredRadii(K);
            realCovered = new boolean[real.size()];
            generatedInside = new boolean[generated.size()];
        }

        @Override
        public void visit(int firstRow, int firstColumn, NDArray squared) {
            NDArray insideReal = squared.lte(BlockReductions.perRow(squared, realRadii, firstRow));
            BlockReductions.markAny(insideReal, 0, generatedInside, firstColumn);
            NDArray insideGenerated = squared.lte(BlockReductions.perColumn(squared, generatedRadii, firstColumn));
            BlockReductions.markAny(insideGenerated, 1, realCovered, firstRow);
        }

        Result result() {
            return new Result(fraction(generatedInside), fraction(realCovered));
        }
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
}
