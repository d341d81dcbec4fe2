package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import dev.aegan.models.core.ImageShape;
import java.util.function.Supplier;

/**
 * The DCGAN-style networks of Gulrajani et al.'s gan_mnist.py and gan_cifar.py (also alpha-GAN's
 * CIFAR-10 networks, its Appendix H.4.2), for any image of {@code H x W} pixels (28 x 28 and 32 x 32
 * included), width {@code d} (their DIM):
 * <ul>
 *   <li>{@link #downsampler}: conv5x5/2 to d, 2d, 4d channels, each followed by an activation
 *       (batch norm before the activation of the second and third, if asked: DCGAN normalises every
 *       layer of its discriminator but the first), then a linear map. Padding 2 maps a side n to
 *       ceil(n/2), so 28 -> 14 -> 7 -> 4 and 32 -> 16 -> 8 -> 4.</li>
 *   <li>{@link #generator}: linear from z to 4d x ceil(H/8) x ceil(W/8) with batch norm and ReLU (as
 *       gan_cifar.py), then three times "upsample x2 + conv5x5" in place of their 5x5 stride-2
 *       transposed convolutions (absent from DJL's PyTorch engine) to 2d, d and C channels, batch
 *       norm and ReLU after the first two, tanh after the last; the 8*ceil(H/8) x 8*ceil(W/8)
 *       canvas is cropped to its centre H x W (gan_mnist.py crops 8 x 8 to 7 x 7 mid-way instead).</li>
 * </ul>
 * Convolutions before a batch norm have no bias (it would be removed).
 */
public final class DcganNetworks {

    public static final int KERNEL = 5;

    private DcganNetworks() {
    }

    /**
     * N x C x H x W -> N x {@code outputs}: a critic or discriminator (one output) or an encoder.
     *
     * @param batchNorm whether the second and third convolutions are batch-normalised
     * @param activation makes the activation after each convolution
     */
    public static Block downsampler(int width, boolean batchNorm, Supplier<Block> activation, long outputs) {
        return trunk(width, batchNorm, activation).add(Layers.linear(outputs));
    }

    /**
     * The {@link #downsampler} without its linear map: N x C x H x W -> N x {@link #trunkFeatures}, the
     * flattened features of the third convolution (e.g. a trunk shared by several heads).
     */
    public static SequentialBlock trunk(int width, boolean batchNorm, Supplier<Block> activation) {
        SequentialBlock block = new SequentialBlock();
        for (int multiple : new int[] {1, 2, 4}) {
            addDownsampling(block, width, multiple, batchNorm, activation);
        }
        return block.add(Blocks.batchFlattenBlock());
    }

    /**
     * The {@link #trunk} of a conditional discriminator or encoder as in IcGAN (Perarnau et al.): inputs
     * (N x C x H x W images, N x K one-hot labels); the labels, broadcast to K constant feature maps,
     * join the first convolution's activations as extra channels. Same output as the trunk.
     */
    public static Block conditionedTrunk(int width, boolean batchNorm, Supplier<Block> activation) {
        SequentialBlock first = new SequentialBlock();
        addDownsampling(first, width, 1, batchNorm, activation);
        SequentialBlock rest = new SequentialBlock();
        for (int multiple : new int[] {2, 4}) {
            addDownsampling(rest, width, multiple, batchNorm, activation);
        }
        return new ConditionedTrunk(first, rest.add(Blocks.batchFlattenBlock()));
    }

    private static void addDownsampling(SequentialBlock block, int width, int multiple, boolean batchNorm,
            Supplier<Block> activation) {
        boolean normalised = batchNorm && multiple > 1;
        block.add(Layers.conv(multiple * width, KERNEL, 2, KERNEL / 2, !normalised));
        if (normalised) {
            block.add(BatchNorm.builder().build());
        }
        block.add(activation.get());
    }

    /** See {@link #conditionedTrunk}: children {@code first} (the first convolution) and {@code rest}. */
    private static final class ConditionedTrunk extends CompositeBlock {
        private final Block first;
        private final Block rest;

        ConditionedTrunk(Block first, Block rest) {
            this.first = addChildBlock("first", first);
            this.rest = addChildBlock("rest", rest);
        }

        @Override
        protected NDArray compute(ParameterStore parameters, NDList inputs, boolean training) {
            NDArray h = apply(first, parameters, inputs.get(0), training);
            return apply(rest, parameters, withLabelMaps(h, inputs.get(1)), training);
        }

        private static NDArray withLabelMaps(NDArray features, NDArray oneHot) {
            Shape shape = features.getShape();
            long classes = oneHot.getShape().get(1);
            NDArray maps = oneHot.reshape(shape.get(0), classes, 1, 1)
                    .broadcast(shape.get(0), classes, shape.get(2), shape.get(3));
            return features.concat(maps, 1);
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape h = initChild(first, manager, dataType, inputShapes[0]);
            initChild(rest, manager, dataType, new Shape(h.get(0), h.get(1) + inputShapes[1].get(1), h.get(2), h.get(3)));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape h = first.getOutputShapes(new Shape[] {inputShapes[0]})[0];
            return rest.getOutputShapes(new Shape[] {
                new Shape(h.get(0), h.get(1) + inputShapes[1].get(1), h.get(2), h.get(3))});
        }
    }

    /** Size of the {@link #trunk}'s output for images of {@code shape}: 4d x ceil(H/8) x ceil(W/8). */
    public static long trunkFeatures(ImageShape shape, int width) {
        return 4L * width * ((shape.height() + 7) / 8) * ((shape.width() + 7) / 8);
    }

    /** G(z): N x latentDim -> N x C x H x W in [-1, 1]. */
    public static Block generator(ImageShape shape, int width) {
        int baseHeight = (shape.height() + 7) / 8;
        int baseWidth = (shape.width() + 7) / 8;
        int top = (8 * baseHeight - shape.height()) / 2;
        int left = (8 * baseWidth - shape.width()) / 2;
        NDIndex crop = new NDIndex(":, :, {}:{}, {}:{}", top, top + shape.height(), left, left + shape.width());
        return new SequentialBlock()
                .add(Layers.linear(4L * width * baseHeight * baseWidth))
                .add(BatchNorm.builder().build())
                .add(Layers.relu())
                .add(Layers.unflatten(4L * width, baseHeight, baseWidth))
                .add(Layers.upsampleNearest(2))
                .add(Layers.conv(2 * width, KERNEL, 1, KERNEL / 2, false))
                .add(BatchNorm.builder().build())
                .add(Layers.relu())
                .add(Layers.upsampleNearest(2))
                .add(Layers.conv(width, KERNEL, 1, KERNEL / 2, false))
                .add(BatchNorm.builder().build())
                .add(Layers.relu())
                .add(Layers.upsampleNearest(2))
                .add(Layers.conv(shape.channels(), KERNEL, 1, KERNEL / 2))
                .add(Activation.tanhBlock())
                .add(LambdaBlock.singleton(canvas -> canvas.get(crop), "crop"));
    }
}
