package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.aegan.models.core.ImageShape;
import java.util.function.Supplier;

/** Building blocks shared by the model families. */
public final class Layers {

    /** libtorch's interpolation mode code for nearest (what DJL's resize passes for NEAREST). */
    private static final int NEAREST = 0;

    private Layers() {
    }

    public static Block conv(int filters, int kernel, int stride, int padding) {
        return conv(filters, kernel, stride, padding, true);
    }

    /** A convolution without bias when {@code bias} is false, e.g. before a batch norm (which removes it). */
    public static Block conv(int filters, int kernel, int stride, int padding, boolean bias) {
        return Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .optBias(bias)
                .build();
    }

    public static Block linear(long units) {
        return Linear.builder().setUnits(units).build();
    }

    /**
     * A multilayer perceptron: {@code hiddenLayers} linear layers of {@code width} units, each followed
     * by an activation, then a linear map to {@code outputs} (e.g. one logit of a code discriminator).
     */
    public static Block mlp(int hiddenLayers, long width, Supplier<Block> activation, long outputs) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 0; i < hiddenLayers; i++) {
            block.add(linear(width)).add(activation.get());
        }
        return block.add(linear(outputs));
    }

    public static Block leakyRelu(float slope) {
        return Activation.leakyReluBlock(slope);
    }

    public static Block relu() {
        return Activation.reluBlock();
    }

    /**
     * Nearest-neighbour upsampling of NCHW maps by {@code factor}, as torch's
     * {@code Upsample(scale_factor, mode="nearest")}. Stands in for transposed convolutions, which
     * DJL's PyTorch engine does not implement: upsample + conv3x3 is the usual replacement.
     */
    public static Block upsampleNearest(int factor) {
        return LambdaBlock.singleton(x -> upsampleNearest(x, factor), "upsample" + factor);
    }

    /** {@link #upsampleNearest(int)} on one NCHW array, inside or outside a block. */
    public static NDArray upsampleNearest(NDArray x, int factor) {
        // torch's upsample_nearest2d kernel, not two repeats: a third of the time forward and backward.
        return JniUtils.interpolate((PtNDArray) x,
                new long[] {x.getShape().get(2) * factor, x.getShape().get(3) * factor}, NEAREST, false);
    }

    /** Reshapes N x (C*H*W) to N x C x H x W. */
    public static Block unflatten(long channels, long height, long width) {
        return LambdaBlock.singleton(x -> x.reshape(-1, channels, height, width), "unflatten");
    }

    /**
     * Cuts the centred H x W window of {@code shape} out of N x C x canvasHeight x canvasWidth maps, for
     * a decoder whose upsampling overshoots the image.
     */
    public static Block cropToCentre(ImageShape shape, int canvasHeight, int canvasWidth) {
        int top = (canvasHeight - shape.height()) / 2;
        int left = (canvasWidth - shape.width()) / 2;
        NDIndex crop = new NDIndex(":, :, {}:{}, {}:{}", top, top + shape.height(), left, left + shape.width());
        return LambdaBlock.singleton(canvas -> canvas.get(crop), "crop");
    }
}
