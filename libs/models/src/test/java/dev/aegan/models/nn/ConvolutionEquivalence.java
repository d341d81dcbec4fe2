package dev.aegan.models.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.aegan.models.core.RandomStream;

/**
 * Checks that a rewritten convolution computes the same function as the direct one: the values, and
 * the gradients of a random projection of them with respect to the input, the weight and the bias,
 * each within 1e-5 of its largest magnitude.
 */
final class ConvolutionEquivalence {

    interface Convolution {
        NDArray apply(NDArray x, NDArray weight, NDArray bias);
    }

    private ConvolutionEquivalence() {
    }

    static void assertSameFunction(String name, long seed, Shape input, Shape weight, boolean withBias,
            Convolution direct, Convolution rewritten) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            RandomStream random = RandomStream.of(seed);
            NDArray x = random.normal(manager, input);
            NDArray w = random.normal(manager, weight);
            NDArray bias = withBias ? random.normal(manager, new Shape(weight.get(0))) : null;
            Shape outputShape = direct.apply(x, w, bias).getShape();
            NDArray upstream = random.normal(manager, outputShape);
            NDArray[] expected = valueAndGradients(x, w, bias, upstream, direct);
            NDArray[] actual = valueAndGradients(x, w, bias, upstream, rewritten);
            String[] what = {"values", "input gradient", "weight gradient", "bias gradient"};
            for (int i = 0; i < expected.length; i++) {
                if (expected[i] == null) {
                    continue;
                }
                assertEquals(expected[i].getShape(), actual[i].getShape(), name + " " + what[i]);
                float scale = expected[i].abs().max().getFloat();
                float error = expected[i].sub(actual[i]).abs().max().getFloat();
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
}
