package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import dev.aegan.models.core.OwnedArrays;

/**
 * A k x k convolution (k odd, stride 1, zero padding r = (k - 1) / 2) fused with the 2x resampling
 * around it, computed at the lower resolution: the same numbers (up to float rounding) for
 * (k + 1)^2 / (4 k^2) of the multiply-adds (2.25 times fewer for k = 3) and no resampling pass.
 * Everything is differentiable, so gradients reach the input, the k x k weight and the bias as before.
 *
 * <p><b>After nearest x2 upsampling.</b> Output pixel (2i + a, 2j + b) reads input rows
 * floor((2i + a + d) / 2) = i + floor((a + d) / 2) for kernel rows d = -r..r, so each of the four output
 * phases (a, b) is an m x m convolution (m = r + 1) of the input with the kernel K_ab = A_a W A_b^T,
 * where A_a (m x k) sums the kernel rows that land on the same input row. Each phase convolves the
 * input padded to its own window (H x W out, nothing computed twice or sliced away), and the four
 * results are interleaved into the 2H x 2W output.
 *
 * <p><b>Before 2 x 2 mean pooling.</b> Pooled output (i, j) averages conv outputs (2i + a, 2j + b),
 * a, b in {0, 1}, which read input (2i + a + u - r, 2j + b + v - r) with kernel entry (u, v); grouping
 * by d = a + u and e = b + v gives one (k + 1) x (k + 1) kernel W'(d, e) = 1/4 sum_{a,b} W(d - a, e - b),
 * a box sum along each axis, applied with stride 2. Padding stays r, so odd heights and widths drop
 * their last row and column exactly as the pool does; the bias passes through a mean unchanged.
 */
public final class ResampledConvolution {

    private ResampledConvolution() {
    }

    /**
     * conv_k(upsample_nearest_x2(x)) with {@code weight} O x C x k x k and optional {@code bias} (O, or
     * null); x N x C x H x W, result N x O x 2H x 2W.
     */
    public static NDArray afterUpsampling(NDArray x, NDArray weight, NDArray bias) {
        int r = (oddSquareKernelSize(weight) - 1) / 2;
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
        return rows0.stack(rows1, 3).reshape(in.get(0), weight.getShape().get(0), 2 * in.get(2), 2 * in.get(3));
    }

    /**
     * meanpool_2x2(conv_k(x)) with {@code weight} O x C x k x k and optional {@code bias} (O, or null);
     * x N x C x H x W, result N x O x floor(H / 2) x floor(W / 2).
     */
    public static NDArray beforeMeanPooling(NDArray x, NDArray weight, NDArray bias) {
        int r = (oddSquareKernelSize(weight) - 1) / 2;
        NDArray pooledKernel = Scalars.mul(boxSum(boxSum(weight, 2), 3), 0.25f);
        return Conv2d.conv2d(x, pooledKernel, bias, new Shape(2, 2), new Shape(r, r), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    private static int oddSquareKernelSize(NDArray weight) {
        Shape w = weight.getShape();
        if (w.dimension() != 4 || w.get(2) % 2 == 0 || w.get(3) != w.get(2)) {
            throw new IllegalArgumentException("need an O x C x k x k kernel with k odd, got " + w);
        }
        return Math.toIntExact(w.get(2));
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

    /**
     * Along axis 2 or 3 of a k x k kernel: entry d of the k + 1 result is W(d) + W(d - 1), W being zero
     * outside 0..k-1, i.e. the kernel padded by one at the low end plus the kernel padded at the high end.
     */
    private static NDArray boxSum(NDArray kernel, int axis) {
        Shape low = axis == 3 ? new Shape(1, 0) : new Shape(0, 0, 1, 0);
        Shape high = axis == 3 ? new Shape(0, 1) : new Shape(0, 0, 0, 1);
        return kernel.pad(low, 0).add(kernel.pad(high, 0));
    }
}
