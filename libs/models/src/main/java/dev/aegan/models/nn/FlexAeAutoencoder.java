package dev.aegan.models.nn;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import dev.aegan.models.core.ImageShape;

/**
 * The encoder and decoder of FlexAE's authors' FlexAESR.py (dair-iitd/FlexAE; the paper's supplement,
 * which we do not have, names the 2-stage VAE architecture), width c (their 64): FlexAE's own networks,
 * on which FlexAE's tables also run its baselines (WAE, VAE).
 * <ul>
 *   <li>encoder: conv4x4/2 to c and ReLU, conv4x4/2 to 2c with batch norm and ReLU, linear to 16c
 *       with batch norm and ReLU, linear to the outputs. Padding 1 maps a side n to floor(n/2).</li>
 *   <li>decoder: linear to 16c with batch norm and ReLU, linear to 2c x ceil(H/4) x ceil(W/4) with
 *       batch norm and ReLU, twice "upsample x2 + conv5x5" (for their 4x4 stride-2 transposed
 *       convolutions, absent from DJL's PyTorch engine) to 2c and c with batch norm and ReLU, conv3x3
 *       to C, the canvas cropped to its centre H x W, then tanh (their sigmoid, for pixels in [0, 1];
 *       ours are in [-1, 1]).</li>
 * </ul>
 */
public final class FlexAeAutoencoder {

    public static final int ENCODER_KERNEL = 4;
    public static final int DECODER_KERNEL = 5;
    /** The dense layers have 16c units (1024 for c = 64). */
    public static final int DENSE_MULTIPLE = 16;

    private FlexAeAutoencoder() {
    }

    /** E(x): N x C x H x W -> N x outputs. */
    public static Block encoder(int width, int outputs) {
        return new SequentialBlock()
                .add(Layers.conv(width, ENCODER_KERNEL, 2, 1))
                .add(Layers.relu())
                .add(Layers.conv(2 * width, ENCODER_KERNEL, 2, 1, false))
                .add(BatchNorm.builder().build())
                .add(Layers.relu())
                .add(Blocks.batchFlattenBlock())
                .add(Layers.linear((long) DENSE_MULTIPLE * width))
                .add(BatchNorm.builder().build())
                .add(Layers.relu())
                .add(Layers.linear(outputs));
    }

    /** D(z): N x latentDim -> N x C x H x W in [-1, 1]. */
    public static Block decoder(ImageShape shape, int width) {
        return decoderLogits(shape, width).add(Activation.tanhBlock());
    }

    /** The decoder without its final tanh: N x latentDim -> N x C x H x W pre-activations. */
    public static SequentialBlock decoderLogits(ImageShape shape, int width) {
        int baseHeight = (shape.height() + 3) / 4;
        int baseWidth = (shape.width() + 3) / 4;
        int pad = DECODER_KERNEL / 2;
        return new SequentialBlock()
                .add(Layers.linear((long) DENSE_MULTIPLE * width))
                .add(BatchNorm.builder().build())
                .add(Layers.relu())
                .add(Layers.linear(2L * width * baseHeight * baseWidth))
                .add(BatchNorm.builder().build())
                .add(Layers.relu())
                .add(Layers.unflatten(2L * width, baseHeight, baseWidth))
                .add(Layers.upsampleNearest(2))
                .add(Layers.conv(2 * width, DECODER_KERNEL, 1, pad, false))
                .add(BatchNorm.builder().build())
                .add(Layers.relu())
                .add(Layers.upsampleNearest(2))
                .add(Layers.conv(width, DECODER_KERNEL, 1, pad, false))
                .add(BatchNorm.builder().build())
                .add(Layers.relu())
                .add(Layers.conv(shape.channels(), 3, 1, 1))
                .add(Layers.cropToCentre(shape, 4 * baseHeight, 4 * baseWidth));
    }
}
