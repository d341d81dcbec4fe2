package dev.aegan.models.wgan;

import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import dev.aegan.models.ImageShape;
import dev.aegan.models.nn.Layers;

/**
 * The DCGAN-style networks of Gulrajani et al.'s gan_mnist.py and gan_cifar.py, for any image of
 * {@code H x W} pixels (28 x 28 and 32 x 32 included), width {@code d} (their DIM):
 * <ul>
 *   <li>critic: conv5x5/2 to d, 2d, 4d channels, each followed by LeakyReLU(0.2), then a linear map
 *       to one score. No normalisation: batch norm would make the gradient penalty, taken per
 *       sample, depend on the other samples (Section 4, "No critic batch normalization").
 *       Padding 2 maps a side n to ceil(n/2), so 28 -> 14 -> 7 -> 4 and 32 -> 16 -> 8 -> 4.</li>
 *   <li>generator: linear from z to 4d x ceil(H/8) x ceil(W/8) with batch norm and ReLU (as
 *       gan_cifar.py), then three times "upsample x2 + conv5x5" in place of their 5x5 stride-2
 *       transposed convolutions (absent from DJL's PyTorch engine) to 2d, d and C channels,
 *       batch norm and ReLU after the first two, tanh after the last; the 8*ceil(H/8) x
 *       8*ceil(W/8) canvas is cropped to its centre H x W (gan_mnist.py crops 8 x 8 to 7 x 7
 *       mid-way instead). Convolutions before a batch norm have no bias (it would be removed).</li>
 * </ul>
 */
final class WganNetworks {

    static final float LEAKY_SLOPE = 0.2f;
    static final int KERNEL = 5;

    private WganNetworks() {
    }

    /** D(x): N x C x H x W -> N x 1 scores. */
    static Block critic(int width) {
        return new SequentialBlock()
                .add(Layers.conv(width, KERNEL, 2, KERNEL / 2))
                .add(Layers.leakyRelu(LEAKY_SLOPE))
                .add(Layers.conv(2 * width, KERNEL, 2, KERNEL / 2))
                .add(Layers.leakyRelu(LEAKY_SLOPE))
                .add(Layers.conv(4 * width, KERNEL, 2, KERNEL / 2))
                .add(Layers.leakyRelu(LEAKY_SLOPE))
                .add(Blocks.batchFlattenBlock())
                .add(Layers.linear(1));
    }

    /** G(z): N x latentDim -> N x C x H x W in [-1, 1]. */
    static Block generator(ImageShape shape, int width) {
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
