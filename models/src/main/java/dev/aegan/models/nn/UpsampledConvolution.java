package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A k x k convolution (stride 1, zero padding (k - 1) / 2) of a nearest x2 upsampled map, computed
 * at the map's own resolution: the same numbers (up to float rounding) for 4 / k^2 x (k + 1)^2 / 4 of
 * the multiply-adds, e.g. 2.25 times fewer for k = 3.
 *
 * <p>Output pixel (2i + a, 2j + b) of the upsampled convolution reads input rows
 * floor((2i + a + d) / 2) = i + floor((a + d) / 2) for kernel rows d = -r..r (r = (k - 1) / 2), so each
 * of the four output phases (a, b) is an m x m convolution (m = r + 1) of the input with the kernel
 * K_ab = A_a W A_b^T, where A_a (m x k) sums the kernel rows that land on the same input row. Each
 * phase convolves the input padded to its own window (H x W out, nothing computed twice or sliced
 * away), and the four results are interleaved into the 2H x 2W output.
 * Everything is differentiable, so gradients reach the input and the k x k weight as before.
 */
public final class UpsampledConvolution {

    private UpsampledConvolution() {
    }

    /**
     * conv_k(upsample_nearest_x2(x)) with {@code weight} O x C x k x k (k odd) and optional
     * {@code bias} (O, or null); x N x C x H x W, result N x O x 2H x 2W.
     */
    public static NDArray apply(NDArray x, NDArray weight, NDArray bias) {
        Shape w = weight.getShape();
        int k = Math.toIntExact(w.get(2));
        if (k % 2 == 0 || w.get(3) != k) {
            throw new IllegalArgumentException("need a square kernel of odd size, got " + w);
        }
        int r = (k - 1) / 2;
        int m = r + 1;
        Shape in = x.getShape();
        NDArray[][] phases = new NDArray[2][2];
        try (NDArray rows0 = phaseSums(x, 0, r, m); NDArray rows1 = phaseSums(x, 1, r, m)) {
            NDArray[] sums = {rows0, rows1};
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    NDArray kernel = sums[a].matMul(weight).matMul(sums[b].transpose());
                    // Phase a's window starts at input row i + floor((a - r) / 2): pad so that the m x m
                    // convolution's output is exactly H x W.
                    long top = -Math.floorDiv(a - r, 2);
                    long left = -Math.floorDiv(b - r, 2);
                    NDArray padded = x.pad(new Shape(left, m - 1 - left, top, m - 1 - top), 0);
                    phases[a][b] = Conv2d.conv2d(padded, kernel, bias).singletonOrThrow();
                }
            }
        }
        NDArray rows0 = phases[0][0].stack(phases[0][1], 4);
        NDArray rows1 = phases[1][0].stack(phases[1][1], 4);
        return rows0.stack(rows1, 3).reshape(in.get(0), w.get(0), 2 * in.get(2), 2 * in.get(3));
    }

    /** A_a (float32): m x k, entry (u, d + r) = 1 when kernel row d lands on the phase's window row u. */
    private static NDArray phaseSums(NDArray like, int a, int r, int m) {
        int k = 2 * r + 1;
        int lo = Math.floorDiv(a - r, 2);
        float[] sums = new float[m * k];
        for (int d = -r; d <= r; d++) {
            sums[(Math.floorDiv(a + d, 2) - lo) * k + d + r] = 1f;
        }
        return OwnedArrays.of(like.getManager(), sums, new Shape(m, k));
    }
}
