package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;

/**
 * A k x k convolution (stride 1, zero padding (k - 1) / 2) followed by a 2 x 2 mean pool (stride 2),
 * computed as one (k + 1) x (k + 1) convolution of stride 2: the same numbers (up to float rounding)
 * for (k + 1)^2 / (4 k^2) of the multiply-adds (2.25 times fewer for k = 3) and no pooling pass.
 *
 * <p>Pooled output (i, j) averages conv outputs (2i + a, 2j + b), a, b in {0, 1}, which read input
 * (2i + a + u - r, 2j + b + v - r) with kernel entry (u, v); grouping by d = a + u and e = b + v gives
 * one kernel W'(d, e) = 1/4 sum_{a,b} W(d - a, e - b), a box sum along each axis. Padding stays r, so
 * odd heights and widths drop their last row and column exactly as the pool does. Everything is differentiable, so gradients reach the input and
 * the k x k weight as before; the bias passes through a mean unchanged.
 */
public final class MeanPooledConvolution {

    private MeanPooledConvolution() {
    }

    /**
     * meanpool_2x2(conv_k(x)) with {@code weight} O x C x k x k (k odd) and optional {@code bias}
     * (O, or null); x N x C x H x W, result N x O x floor(H / 2) x floor(W / 2).
     */
    public static NDArray apply(NDArray x, NDArray weight, NDArray bias) {
        Shape w = weight.getShape();
        int k = Math.toIntExact(w.get(2));
        if (k % 2 == 0 || w.get(3) != k) {
            throw new IllegalArgumentException("need a square kernel of odd size, got " + w);
        }
        int r = (k - 1) / 2;
        NDArray pooledKernel = Scalars.mul(boxSum(boxSum(weight, 2), 3), 0.25f);
        return Conv2d.conv2d(x, pooledKernel, bias, new Shape(2, 2), new Shape(r, r), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /**
     * Along axis 2 or 3 of a k x k kernel: entry d of the k + 1 result is W(d) + W(d - 1). Built from
     * zero pads and a sum (not a matrix product with a 0/1 matrix) so the kernel is a plain contiguous
     * tensor: a strided one makes libtorch copy every input of the convolution in the backward pass.
     */
    private static NDArray boxSum(NDArray kernel, int axis) {
        Shape low = axis == 3 ? new Shape(1, 0) : new Shape(0, 0, 1, 0);
        Shape high = axis == 3 ? new Shape(0, 1) : new Shape(0, 0, 0, 1);
        return kernel.pad(low, 0).add(kernel.pad(high, 0));
    }
}
