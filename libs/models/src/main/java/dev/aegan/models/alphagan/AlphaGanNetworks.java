package dev.aegan.models.alphagan;

import ai.djl.nn.Block;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.nn.DcganNetworks;
import dev.aegan.models.nn.Layers;

/**
 * alpha-GAN's networks (Appendix H.4; the ColorMNIST tables 3 and 4 lost their numbers, H.4.2 names
 * Gulrajani et al.'s DCGAN networks), width d, on {@link DcganNetworks}:
 * <ul>
 *   <li>generator: {@link DcganNetworks#generator}, ReLU ("all generators used ReLUs");</li>
 *   <li>discriminator: conv5x5/2 to d, 2d, 4d with LeakyReLU(0.2) ("all discriminators use leaky
 *       units with a slope of 0.2") and batch norm on the second and third ("we used batch
 *       normalization for all our experiments"; DCGAN leaves the first layer alone), then one
 *       logit;</li>
 *   <li>encoder: "formed by transposing the generator", with "no activation function after the
 *       encoder": the same convolutions with batch norm and the generator's ReLU, then a linear map
 *       to z;</li>
 *   <li>code discriminator: "a 3 layer MLP, each layer containing 750 hidden units", read as three
 *       hidden layers with LeakyReLU(0.2) and no batch norm, then one logit.</li>
 * </ul>
 */
final class AlphaGanNetworks {

    static final float LEAKY_SLOPE = 0.2f;
    static final int CODE_DISCRIMINATOR_LAYERS = 3;

    private AlphaGanNetworks() {
    }

    /** E(x): N x C x H x W -> N x latentDim. */
    static Block encoder(int width, int latentDim) {
        return DcganNetworks.downsampler(width, true, Layers::relu, latentDim);
    }

    /** G(z): N x latentDim -> N x C x H x W in [-1, 1]. */
    static Block generator(ImageShape shape, int width) {
        return DcganNetworks.generator(shape, width);
    }

    /** D(x): N x C x H x W -> N x 1 logits. */
    static Block discriminator(int width) {
        return DcganNetworks.downsampler(width, true, () -> Layers.leakyRelu(LEAKY_SLOPE), 1);
    }

    /** C(z): N x latentDim -> N x 1 logits. */
    static Block codeDiscriminator(int width) {
        return Layers.mlp(CODE_DISCRIMINATOR_LAYERS, width, () -> Layers.leakyRelu(LEAKY_SLOPE), 1);
    }
}
