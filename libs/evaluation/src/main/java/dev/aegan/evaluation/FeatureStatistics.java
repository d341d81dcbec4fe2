package dev.aegan.evaluation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;

/**
 * Mean and covariance of a feature set: all that {@link FrechetDistance} needs, so the held-out
 * set's statistics are computed once and cached (e.g. in S3 through {@link #toBytes()}).
 *
 * <p>As pytorch-fid's {@code calculate_activation_statistics} ({@code np.mean(act, axis=0)},
 * {@code np.cov(act, rowvar=False)}): the covariance is the unbiased one, divided by n - 1. Computed
 * in double in two passes (mean, then the product of the centred features), never as
 * {@code E[x x^T] - mu mu^T}, which loses digits to cancellation when the mean is large against the
 * spread (post-ReLU features). The product is blocked and parallel (see {@link Gemm}); only the
 * upper triangle is computed and mirrored, so the result is exactly symmetric.
 */
public final class FeatureStatistics {

    private static final int MAGIC = 0x53464541; // "AEFS" read as a little-endian int
    private static final int FORMAT_VERSION = 1;
    private static final int HEADER_BYTES = 4 + 4 + 4 + 8;
    /** A d x d covariance of doubles must fit one Java array. */
    private static final int MAX_DIMENSION = 8192;

    private final long sampleCount;
    private final double[] mean;
    /** Row-major d x d. */
    private final double[] covariance;

    private FeatureStatistics(long sampleCount, double[] mean, double[] covariance) {
        this.sampleCount = sampleCount;
        this.mean = mean;
        this.covariance = covariance;
    }

    /** @throws IllegalArgumentException with fewer than 2 samples (no covariance) */
    public static FeatureStatistics of(FeatureMatrix features) {
        int n = features.rows();
        int d = features.columns();
        if (n < 2) {
            throw new IllegalArgumentException("a covariance needs at least 2 samples, got " + n);
        }
        if (d > MAX_DIMENSION) {
            throw new IllegalArgumentException("covariances of more than " + MAX_DIMENSION + " features do not fit a Java"
                    + " array, got " + d + "; reduce the feature dimension");
        }
        double[] x = features.values();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                mean[p] += x[i * d + p];
            }
        }
        for (int p = 0; p < d; p++) {
            mean[p] /= n;
        }
        double[] centred = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < d; p++) {
                centred[i * d + p] = x[i * d + p] - mean[p];
            }
        }
        double[] covariance = new double[d * d];
        int blocks = (d + Gemm.COLUMN_BLOCK - 1) / Gemm.COLUMN_BLOCK;
        IntStream.range(0, blocks).parallel().forEach(block -> {
            int j0 = block * Gemm.COLUMN_BLOCK;
            int j1 = Math.min(d, j0 + Gemm.COLUMN_BLOCK);
            // rows 0 .. j1 of Xc^T Xc for columns j0 .. j1: the upper triangle and this diagonal block
            Gemm.multiply(centred, 0, 1, d, centred, j0, d, covariance, j0, d, j1, j1 - j0, n);
        });
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double value = covariance[i * d + j] / (n - 1);
                covariance[i * d + j] = value;
                covariance[j * d + i] = value;
            }
        }
        return new FeatureStatistics(n, mean, covariance);
    }

    public int dimension() {
        return mean.length;
    }

    public long sampleCount() {
        return sampleCount;
    }

    /** A copy of the mean. */
    public double[] mean() {
        return mean.clone();
    }

    /** A copy of the covariance, row-major d x d. */
    public double[] covariance() {
        return covariance.clone();
    }

    double[] meanView() {
        return mean;
    }

    double[] covarianceView() {
        return covariance;
    }

    /**
     * Little-endian: the int {@code "AEFS"} magic, int format version ({@value #FORMAT_VERSION}), int
     * dimension d, long sample count, d doubles of mean, then the covariance's upper triangle row by
     * row (d (d + 1) / 2 doubles; 16.8 MB at d = 2048).
     */
    public byte[] toBytes() {
        int d = dimension();
        ByteBuffer out = ByteBuffer.allocate(byteSize(d)).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(FORMAT_VERSION).putInt(d).putLong(sampleCount);
        for (double m : mean) {
            out.putDouble(m);
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                out.putDouble(covariance[i * d + j]);
            }
        }
        return out.array();
    }

    /** @throws IllegalArgumentException if the bytes are not what {@link #toBytes()} writes */
    public static FeatureStatistics fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER_BYTES || in.getInt() != MAGIC) {
            throw new IllegalArgumentException("not serialised feature statistics (no AEFS header in " + bytes.length
                    + " bytes)");
        }
        int version = in.getInt();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException("feature statistics format version " + version + " is not supported (only "
                    + FORMAT_VERSION + "); recompute them from the features");
        }
        int d = in.getInt();
        long sampleCount = in.getLong();
        if (d <= 0 || d > MAX_DIMENSION) {
            throw new IllegalArgumentException("serialised feature statistics claim dimension " + d + ", outside 1.."
                    + MAX_DIMENSION + " (corrupt)");
        }
        if (bytes.length != byteSize(d)) {
            throw new IllegalArgumentException("feature statistics of dimension " + d + " take " + byteSize(d)
                    + " bytes, got " + bytes.length + " (truncated or corrupt)");
        }
        double[] mean = new double[d];
        for (int p = 0; p < d; p++) {
            mean[p] = in.getDouble();
        }
        double[] covariance = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double value = in.getDouble();
                covariance[i * d + j] = value;
                covariance[j * d + i] = value;
            }
        }
        return new FeatureStatistics(sampleCount, mean, covariance);
    }

    private static int byteSize(int d) {
        return HEADER_BYTES + 8 * (d + d * (d + 1) / 2);
    }
}
