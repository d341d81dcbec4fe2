package dev.aegan.models.vae;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.nn.FlexAeAutoencoder;
import dev.aegan.models.nn.Layers;

/**
 * The baseline's networks, as {@link VaeConfig#network()} says: the small ones, a DCGAN-sized encoder and
 * its mirror, with upsample + conv3x3 in place of transposed convolutions (absent from DJL's PyTorch
 * engine), or FlexAE's ({@link FlexAeAutoencoder}), its encoder giving 2 latentDim outputs and its decoder
 * logits.
 */
final class VaeNetworks {

    static final int HIDDEN_1 = 32;
    static final int HIDDEN_2 = 64;

    private VaeNetworks() {
    }

    /** x (N x C x H x W) -> N x 2*latentDim: the posterior's mean, then its log-variance. */
    static Block encoder(VaeConfig config) {
        return config.flexAeNetwork() ? FlexAeAutoencoder.encoder(config.channels(), 2 * config.latentDim())
                : smallEncoder(config.latentDim());
    }

    /** z (N x latentDim) -> N x C x H x W logits; images are tanh of them. */
    static Block decoder(ImageShape shape, VaeConfig config) {
        return config.flexAeNetwork() ? FlexAeAutoencoder.decoderLogits(shape, config.channels())
                : smallDecoder(shape, config.latentDim());
    }

    private static Block smallEncoder(int latentDim) {
        return new SequentialBlock()
                .add(Layers.conv(HIDDEN_1, 4, 2, 1))
                .add(Layers.leakyRelu(0.2f))
                .add(Layers.conv(HIDDEN_2, 4, 2, 1))
                .add(Layers.leakyRelu(0.2f))
                .add(Blocks.batchFlattenBlock())
                .add(Layers.linear(2L * latentDim));
    }

    private static Block smallDecoder(ImageShape shape, int latentDim) {
        int h = shape.height() / 4;
        int w = shape.width() / 4;
        return new SequentialBlock()
                .add(Layers.linear((long) HIDDEN_2 * h * w))
                .add(Layers.relu())
                .add(Layers.unflatten(HIDDEN_2, h, w))
                .add(Layers.upsampleNearest(2))
                .add(Layers.conv(HIDDEN_1, 3, 1, 1))
                .add(Layers.relu())
                .add(Layers.upsampleNearest(2))
                .add(Layers.conv(shape.channels(), 3, 1, 1));
    }
}
