package dev.aegan.models.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import org.junit.jupiter.api.Test;

/**
 * The stride-2 (k + 1) x (k + 1) convolution equals convolving then 2 x 2 mean pooling: values, and
 * the gradients with respect to the input, the weight and the bias, for 1x1, 3x3 and 5x5 kernels, even
 * and odd (the pool drops the last row and column) and oblong maps, with and without a bias.
 */
class MeanPooledConvolutionTest {

    @Test
    void equalsConvolvingThenMeanPoolingValuesAndGradients() {
        check(3, 4, 5, 8, 8, true);
        check(3, 3, 2, 6, 12, false);
        check(3, 2, 3, 7, 5, true);
        check(1, 4, 3, 8, 6, true);
        check(1, 3, 2, 5, 5, false);
        check(5, 2, 4, 10, 9, true);
    }

    private static void check(int kernel, int inputs, int outputs, int height, int width, boolean withBias) {
        ConvolutionEquivalence.assertSameFunction(
                kernel + "x" + kernel + " on " + height + "x" + width + (withBias ? " with bias" : ""),
                kernel * 100L + height, new Shape(2, inputs, height, width),
                new Shape(outputs, inputs, kernel, kernel), withBias,
                (x, w, b) -> Pool.avgPool2d(Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(kernel / 2, kernel / 2),
                        new Shape(1, 1), 1).singletonOrThrow(), new Shape(2, 2), new Shape(2, 2), new Shape(0, 0),
                        false, true),
                MeanPooledConvolution::apply);
    }
}
