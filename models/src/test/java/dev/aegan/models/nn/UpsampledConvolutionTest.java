package dev.aegan.models.nn;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import org.junit.jupiter.api.Test;

/**
 * The phase-decomposed convolution equals upsampling then convolving: values, and the gradients
 * with respect to the input, the weight and the bias, for 3x3 and 5x5 kernels, square and oblong
 * maps, with and without a bias.
 */
class UpsampledConvolutionTest {

    @Test
    void equalsUpsamplingThenConvolvingValuesAndGradients() {
        check(3, 4, 5, 6, 7, true);
        check(3, 2, 3, 4, 4, false);
        check(5, 3, 2, 7, 5, true);
        check(5, 2, 4, 1, 1, false);
    }

    private static void check(int kernel, int inputs, int outputs, int height, int width, boolean withBias) {
        ConvolutionEquivalence.assertSameFunction(
                kernel + "x" + kernel + " on " + height + "x" + width + (withBias ? " with bias" : ""),
                kernel * 100L + height, new Shape(3, inputs, height, width),
                new Shape(outputs, inputs, kernel, kernel), withBias,
                (x, w, b) -> Conv2d.conv2d(Layers.upsampleNearest(x, 2), w, b, new Shape(1, 1),
                        new Shape(kernel / 2, kernel / 2), new Shape(1, 1), 1).singletonOrThrow(),
                UpsampledConvolution::apply);
    }
}
