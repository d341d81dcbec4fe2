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
        double[] realRadii = real.squaredRadii(K);
        double[] generatedRadii = generated.squaredRadii(K);
        boolean[] realCovered = new boolean[real.size()];
        boolean[] generatedInside = new boolean[generated.size()];
        // rows are real samples, columns generated ones
        PairwiseDistances.scanTensors(real.samples(), generated.samples(), (firstRow, firstColumn, squared) -> {
            NDArray insideReal = squared.lte(BlockReductions.perRow(squared, realRadii, firstRow));
            BlockReductions.markAny(insideReal, 0, generatedInside, firstColumn);
            NDArray insideGenerated = squared.lte(BlockReductions.perColumn(squared, generatedRadii, firstColumn));
            BlockReductions.markAny(insideGenerated, 1, realCovered, firstRow);
        });
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
}
