package dev.aegan.models.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import dev.aegan.models.RandomStream;
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
        String name = kernel + "x" + kernel + " on " + height + "x" + width + (withBias ? " with bias" : "");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            RandomStream random = RandomStream.of(kernel * 100L + height);
            NDArray x = random.normal(manager, new Shape(3, inputs, height, width));
            NDArray weight = random.normal(manager, new Shape(outputs, inputs, kernel, kernel));
            NDArray bias = withBias ? random.normal(manager, new Shape(outputs)) : null;
            NDArray upstream = random.normal(manager, new Shape(3, outputs, 2 * height, 2 * width));
            NDArray[] direct = valueAndGradients(x, weight, bias, upstream, (in, w, b) -> Conv2d.conv2d(
                    Layers.upsampleNearest(in, 2), w, b, new Shape(1, 1), new Shape(kernel / 2, kernel / 2),
                    new Shape(1, 1), 1).singletonOrThrow());
            NDArray[] phased = valueAndGradients(x, weight, bias, upstream, UpsampledConvolution::apply);
            String[] what = {"values", "input gradient", "weight gradient", "bias gradient"};
            for (int i = 0; i < direct.length; i++) {
                if (direct[i] == null) {
                    continue;
                }
                assertEquals(direct[i].getShape(), phased[i].getShape(), name + " " + what[i]);
                float scale = direct[i].abs().max().getFloat();
                float error = direct[i].sub(phased[i]).abs().max().getFloat();
                assertTrue(error <= 1e-5f * scale, name + " " + what[i] + ": max error " + error + " of " + scale);
            }
        }
    }

    /** The result, then the gradients of sum(result * upstream) for x, weight and bias. */
    private static NDArray[] valueAndGradients(NDArray x, NDArray weight, NDArray bias, NDArray upstream,
            Convolution convolve) {
        NDArray xs = x.duplicate();
        NDArray ws = weight.duplicate();
        NDArray bs = bias == null ? null : bias.duplicate();
        xs.setRequiresGradient(true);
        ws.setRequiresGradient(true);
        if (bs != null) {
            bs.setRequiresGradient(true);
        }
        NDArray value;
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            value = convolve.apply(xs, ws, bs);
            collector.backward(value.mul(upstream).sum());
        }
        return new NDArray[] {value, xs.getGradient(), ws.getGradient(), bs == null ? null : bs.getGradient()};
    }

    private interface Convolution {
        NDArray apply(NDArray x, NDArray weight, NDArray bias);
    }
}
