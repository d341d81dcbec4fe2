package dev.aegan.models.wae;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.nn.FlexAeAutoencoder;
import dev.aegan.models.nn.Layers;

/**
 * The networks of a WAE: encoder and decoder as {@link WaeConfig#network()} says, FlexAE's
 * ({@link FlexAeAutoencoder}) or the WAE paper's MNIST networks (Appendix C), width {@code c} (the paper: 128), for any image of
 * {@code H x W} pixels:
 * <ul>
 *   <li>encoder: conv4x4/2 to c, 2c, 4c, 8c channels, each with batch norm and ReLU, then a linear
 *       map to z (deterministic). Padding 1 maps a side n to floor(n/2): 28 -> 14 -> 7 -> 3 -> 1
 *       (TensorFlow's SAME padding gives 2 x 2 at the end).</li>
 *   <li>decoder: linear from z to 8c x ceil(H/4) x ceil(W/4) and ReLU (as the authors'
 *       dcgan_mod), then twice "upsample x2 + conv5x5" to 4c and 2c channels with batch norm and
 *       ReLU, in place of their 4x4 stride-2 transposed convolutions (absent from DJL's PyTorch
 *       engine; an odd kernel keeps the map centred), then conv5x5 to C channels and tanh; the
 *       4*ceil(H/4) x 4*ceil(W/4) canvas is cropped to its centre H x W.</li>
 *   <li>adversary (WAE-GAN): four linear layers of {@code width} units with ReLU, then one logit.</li>
 * </ul>
 * Convolutions before a batch norm have no bias (it would be removed).
 */
final class WaeNetworks {

    static final int ENCODER_KERNEL = 4;
    static final int DECODER_KERNEL = 5;
    static final int ADVERSARY_LAYERS = 4;

    private WaeNetworks() {
    }

    /** E(x) of the configured network: N x C x H x W -> N x latentDim. */
    static Block encoder(WaeConfig config) {
        return config.flexAeNetwork() ? FlexAeAutoencoder.encoder(config.channels(), config.latentDim())
                : encoder(config.channels(), config.latentDim());
    }

    /** G(z) of the configured network: N x latentDim -> N x C x H x W in [-1, 1]. */
    static Block decoder(ImageShape shape, WaeConfig config) {
        return config.flexAeNetwork() ? FlexAeAutoencoder.decoder(shape, config.channels())
                : decoder(shape, config.channels());
    }

    /** The paper's E(x): N x C x H x W -> N x latentDim. */
    static Block encoder(int width, int latentDim) {
        SequentialBlock block = new SequentialBlock();
        for (int multiple : new int[] {1, 2, 4, 8}) {
            block.add(Layers.conv(multiple * width, ENCODER_KERNEL, 2, 1, false))
                    .add(BatchNorm.builder().build())
                    .add(Layers.relu());
        }
        return block.add(Blocks.batchFlattenBlock()).add(Layers.linear(latentDim));
    }

    /** The paper's G(z): N x latentDim -> N x C x H x W in [-1, 1]. */
    static Block decoder(ImageShape shape, int width) {
        int baseHeight = (shape.height() + 3) / 4;
        int baseWidth = (shape.width() + 3) / 4;
        int pad = DECODER_KERNEL / 2;
        return new SequentialBlock()
                .add(Layers.linear(8L * width * baseHeight * baseWidth))
                .add(Layers.relu())
                .add(Layers.unflatten(8L * width, baseHeight, baseWidth))
                .add(Layers.upsampleNearest(2))
                .add(Layers.conv(4 * width, DECODER_KERNEL, 1, pad, false))
                .add(BatchNorm.builder().build())
                .add(Layers.relu())
                .add(Layers.upsampleNearest(2))
                .add(Layers.conv(2 * width, DECODER_KERNEL, 1, pad, false))
                .add(BatchNorm.builder().build())
                .add(Layers.relu())
                .add(Layers.conv(shape.channels(), DECODER_KERNEL, 1, pad))
                .add(Activation.tanhBlock())
                .add(Layers.cropToCentre(shape, 4 * baseHeight, 4 * baseWidth));
    }

    /** D(z): N x latentDim -> N x 1 logits (log D/(1-D)). */
    static Block adversary(int width) {
        return Layers.mlp(ADVERSARY_LAYERS, width, Layers::relu, 1);
    }
}
