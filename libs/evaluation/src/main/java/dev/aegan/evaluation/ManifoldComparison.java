package dev.aegan.evaluation;

/**
 * {@link PrecisionRecall} and {@link DensityCoverage} of one generated set from a single scan of its
 * distances to the real samples: both compare the same real x generated distances with the real
 * k-NN radii (and precision/recall with the generated ones too), so one scan spares a second pass of
 * matrix products. Each result equals its class's own {@code compute}.
 */
public record ManifoldComparison(PrecisionRecall.Result precisionRecall, DensityCoverage.Result densityCoverage) {

    /** {@code real}: held-out samples' features; {@code generated}: the model's samples' features. */
    public static ManifoldComparison of(ManifoldEstimate real, ManifoldEstimate generated) {
        PrecisionRecall.Counts precisionRecall = new PrecisionRecall.Counts(real, generated);
        DensityCoverage.Counts densityCoverage = new DensityCoverage.Counts(real, generated.size());
        PairwiseDistances.scanTensors(real.samples(), generated.samples(), (firstRow, firstColumn, squared) -> {
            precisionRecall.visit(firstRow, firstColumn, squared);
            densityCoverage.visit(firstRow, firstColumn, squared);
        });
        return new ManifoldComparison(precisionRecall.result(), densityCoverage.result());
    }
}
