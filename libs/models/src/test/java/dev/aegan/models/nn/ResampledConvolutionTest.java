package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import org.junit.jupiter.api.Test;

/**
 * Each fused convolution equals resampling and convolving one after the other: values, and the
 * gradients with respect to the input, the weight and the bias, for several kernel sizes, square,
 * oblong and odd-sized maps, with and without a bias.
 */
class ResampledConvolutionTest {

    @Test
    void afterUpsamplingEqualsUpsamplingThenConvolving() {
        ConvolutionEquivalence.Convolution direct = (x, w, b) -> convolve(Layers.upsampleNearest(x, 2), w, b);
        ConvolutionEquivalence.Convolution fused = ResampledConvolution::afterUpsampling;
        check(3, 4, 5, 6, 7, true, direct, fused);
        check(3, 2, 3, 4, 4, false, direct, fused);
        check(5, 3, 2, 7, 5, true, direct, fused);
        check(5, 2, 4, 1, 1, false, direct, fused);
    }

    @Test
    void beforeMeanPoolingEqualsConvolvingThenMeanPooling() {
        ConvolutionEquivalence.Convolution direct = (x, w, b) -> Pool.avgPool2d(convolve(x, w, b), new Shape(2, 2),
                new Shape(2, 2), new Shape(0, 0), false, true);
        ConvolutionEquivalence.Convolution fused = ResampledConvolution::beforeMeanPooling;
        check(3, 4, 5, 8, 8, true, direct, fused);
        check(3, 3, 2, 6, 12, false, direct, fused);
        check(3, 2, 3, 7, 5, true, direct, fused);
        check(1, 4, 3, 8, 6, true, direct, fused);
        check(1, 3, 2, 5, 5, false, direct, fused);
        check(5, 2, 4, 10, 9, true, direct, fused);
    }

    private static NDArray convolve(NDArray x, NDArray weight, NDArray bias) {
        long pad = weight.getShape().get(2) / 2;
        return Conv2d.conv2d(x, weight, bias, new Shape(1, 1), new Shape(pad, pad), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    private static void check(int kernel, int inputs, int outputs, int height, int width, boolean withBias,
            ConvolutionEquivalence.Convolution direct, ConvolutionEquivalence.Convolution fused) {
        ConvolutionEquivalence.assertSameFunction(
                kernel + "x" + kernel + " on " + height + "x" + width + (withBias ? " with bias" : ""),
                kernel * 100L + height, new Shape(2, inputs, height, width),
                new Shape(outputs, inputs, kernel, kernel), withBias, direct, fused);
    }
}
