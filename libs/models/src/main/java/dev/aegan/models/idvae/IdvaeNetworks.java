package dev.aegan.models.idvae;

import ai.djl.nn.Block;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.nn.DcganNetworks;
import dev.aegan.models.nn.Layers;

/**
 * IDVAE's four parameter sets (Figure 2), each a network of its own so that the phases can update
 * them as Algorithm 1 says:
 * <ul>
 *   <li>{@code shared} (theta_shared): the layers encoder and discriminator share "until the
 *       penultimate layer", {@link DcganNetworks#trunk} (conv5x5/2 to d, 2d, 4d, batch norm on the
 *       second and third, LeakyReLU(0.2), flattened); its output is Enc_l(x) = Dis_l(x);</li>
 *   <li>{@code encoder_head} (theta_enc = {theta_mu, theta_Sigma}): "a single fully connected layer"
 *       each, here one linear map to 2 x latent (mean, then log-variance);</li>
 *   <li>{@code discriminator_head} (theta_dis): "a single fully connected layer" to the one logit of
 *       "a single sigmoid node";</li>
 *   <li>{@code decoder} (theta_dec), the generator: {@link DcganNetworks#generator}.</li>
 * </ul>
 */
final class IdvaeNetworks {

    static final float LEAKY_SLOPE = 0.2f;

    private IdvaeNetworks() {
    }

    /**
     * Enc_l(x) = Dis_l(x): N x C x H x W -> N x {@link DcganNetworks#trunkFeatures}; conditional, it
     * takes the N x classes one-hot labels as a second input ({@link DcganNetworks#conditionedTrunk}).
     */
    static Block shared(int width, boolean conditional) {
        return conditional ? DcganNetworks.conditionedTrunk(width, true, () -> Layers.leakyRelu(LEAKY_SLOPE))
                : DcganNetworks.trunk(width, true, () -> Layers.leakyRelu(LEAKY_SLOPE));
    }

    /** Enc_l(x) -> N x 2*latentDim: the posterior's mean, then its log-variance. */
    static Block encoderHead(int latentDim) {
        return Layers.linear(2L * latentDim);
    }

    /** Dis_l(x) -> N x 1 logits. */
    static Block discriminatorHead() {
        return Layers.linear(1);
    }

    /** Dec(z): N x latentDim (z, then the one-hot label if conditional) -> N x C x H x W in [-1, 1]. */
    static Block decoder(ImageShape shape, int width) {
        return DcganNetworks.generator(shape, width);
    }
}
