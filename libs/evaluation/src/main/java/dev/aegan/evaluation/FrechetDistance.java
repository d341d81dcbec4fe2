package dev.aegan.evaluation;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Fréchet distance between two Gaussians fitted to features (FID when the features are
 * Inception-v3 pool3 activations; the metric name must say which extractor was used):
 * {@code |mu1 - mu2|^2 + Tr S1 + Tr S2 - 2 Tr sqrt(S1 S2)}, the quantity of pytorch-fid's
 * {@code calculate_frechet_distance} (and clean-fid's {@code frechet_distance}).
 *
 * <p>The trace term is computed differently from the references, which call
 * {@code scipy.linalg.sqrtm(S1 S2)} on a non-symmetric product and then, when the result is complex
 * or not finite, add {@code 1e-6 I} to both covariances and drop the imaginary part. That happens
 * routinely with fewer samples than dimensions (2048 for Inception): the covariances are then
 * rank-deficient and sqrtm's Schur method meets eigenvalues that rounding has pushed below zero.
 * Here, only symmetric eigen-decompositions are used (EJML's symmetric QR algorithm):
 * <ol>
 *   <li>{@code S1 = V diag(l) V^T}; with {@code W = V diag(sqrt l)} (only the columns of positive
 *   l), {@code S1 = W W^T};</li>
 *   <li>{@code S1 S2 = W W^T S2} has the same non-zero eigenvalues as the symmetric positive
 *   semi-definite {@code M = W^T S2 W} (similar to {@code sqrt(S1) S2 sqrt(S1)}), so
 *   {@code Tr sqrt(S1 S2) = sum sqrt(eig M)}.</li>
 * </ol>
 * In both decompositions an eigenvalue at or below the numerical-rank tolerance
 * {@code max eig * size * 2^-52} (numpy's {@code matrix_rank} rule) is rounding noise around a true
 * zero and counts as 0, the negative ones included, so the result is always real and finite, with
 * or without more samples than dimensions, and no epsilon is added to the covariances. A final
 * value below 0 (rounding, for identical statistics) is returned as 0.
 *
 * <p>{@link #against(FeatureStatistics)} decomposes the reference (held-out) covariance once; each
 * {@link #to(FeatureStatistics)} then costs two d x d products and one eigenvalue-only
 * decomposition.
 */
public final class FrechetDistance {

    private final FeatureStatistics reference;
    private final double referenceTrace;
    /** d x rank, row-major: {@code W} with {@code S_ref = W W^T}. */
    private final double[] factor;
    private final int rank;

    private FrechetDistance(FeatureStatistics reference, double referenceTrace, double[] factor, int rank) {
        this.reference = reference;
        this.referenceTrace = referenceTrace;
        this.factor = factor;
        this.rank = rank;
    }

    public static FrechetDistance against(FeatureStatistics reference) {
        int d = reference.dimension();
        EigenDecomposition_F64<DMatrixRMaj> eigen = decompose(reference.covarianceView(), d, true);
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            values[i] = eigen.getEigenvalue(i).getReal();
        }
        double tolerance = rankTolerance(values);
        int rank = 0;
        for (double v : values) {
            if (v > tolerance) {
                rank++;
            }
        }
        double[] factor = new double[d * rank];
        int column = 0;
        for (int i = 0; i < d; i++) {
            if (values[i] > tolerance) {
                double scale = Math.sqrt(values[i]);
                DMatrixRMaj vector = eigen.getEigenVector(i);
                for (int p = 0; p < d; p++) {
                    factor[p * rank + column] = vector.get(p) * scale;
                }
                column++;
            }
        }
        return new FrechetDistance(reference, trace(reference), factor, rank);
    }

    public static double between(FeatureStatistics first, FeatureStatistics second) {
        return against(first).to(second);
    }

    /** @throws IllegalArgumentException if the statistics have another dimension than the reference */
    public double to(FeatureStatistics other) {
        int d = reference.dimension();
        if (other.dimension() != d) {
            throw new IllegalArgumentException("statistics of " + other.dimension() + " features cannot be compared with a"
                    + " reference of " + d + "; use the same feature extractor for both");
        }
        double[] mu1 = reference.meanView();
        double[] mu2 = other.meanView();
        double meanTerm = 0;
        for (int p = 0; p < d; p++) {
            meanTerm += (mu1[p] - mu2[p]) * (mu1[p] - mu2[p]);
        }
        double traceSqrt = 0;
        if (rank > 0) {
            double[] s2w = Gemm.multiplyParallel(other.covarianceView(), d, 1, factor, d, rank, d);
            double[] m = Gemm.multiplyParallel(factor, 1, rank, s2w, rank, rank, d);
            for (int i = 0; i < rank; i++) {
                for (int j = i + 1; j < rank; j++) {
                    double symmetric = 0.5 * (m[i * rank + j] + m[j * rank + i]);
                    m[i * rank + j] = symmetric;
                    m[j * rank + i] = symmetric;
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eigen = decompose(m, rank, false);
            double[] values = new double[rank];
            for (int i = 0; i < rank; i++) {
                values[i] = eigen.getEigenvalue(i).getReal();
            }
            double tolerance = rankTolerance(values);
            for (double v : values) {
                if (v > tolerance) {
                    traceSqrt += Math.sqrt(v);
                }
            }
        }
        return Math.max(0.0, meanTerm + referenceTrace + trace(other) - 2 * traceSqrt);
    }

    private static EigenDecomposition_F64<DMatrixRMaj> decompose(double[] symmetric, int size, boolean vectors) {
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(size, vectors, true);
        if (!eigen.decompose(DMatrixRMaj.wrap(size, size, symmetric.clone()))) {
            throw new ArithmeticException("the symmetric eigen-decomposition of a " + size + " x " + size
                    + " covariance product did not converge; check the features for extreme values");
        }
        return eigen;
    }

    private static double rankTolerance(double[] eigenvalues) {
        double largest = 0;
        for (double v : eigenvalues) {
            largest = Math.max(largest, Math.abs(v));
        }
        return largest * eigenvalues.length * Math.ulp(1.0);
    }

    private static double trace(FeatureStatistics statistics) {
        int d = statistics.dimension();
        double[] covariance = statistics.covarianceView();
        double sum = 0;
        for (int i = 0; i < d; i++) {
            sum += covariance[i * d + i];
        }
        return sum;
    }
}
