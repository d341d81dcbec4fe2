package dev.aegan.models.flexae;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import dev.aegan.models.nn.FlexAeAutoencoder;
import dev.aegan.models.nn.Layers;

/**
 * FlexAE's own networks beyond its autoencoder ({@link FlexAeAutoencoder}, shared with the baselines
 * FlexAE's tables run on it), from the authors' FlexAESR.py, width c (their 64) and MLP width w (their 1024):
 * <ul>
 *   <li>P-GEN G_psi: four linear layers of w units with ReLU, then linear to z.</li>
 *   <li>latent critic C_kappa: four linear layers of w units with ReLU, then one score.</li>
 *   <li>image critic C_zeta (FlexAE-SR): conv4x4/2 to c and ReLU, conv4x4/2 to 2c and ReLU, linear to
 *       16c and ReLU, then one score; no normalisation (the gradient penalty is per sample).</li>
 * </ul>
 */
final class FlexAeNetworks {

    static final int MLP_LAYERS = 4;

    private FlexAeNetworks() {
    }

    /** G_psi(n): N x noiseDim -> N x latentDim. */
    static Block priorGenerator(int mlpWidth, int latentDim) {
        return Layers.mlp(MLP_LAYERS, mlpWidth, Layers::relu, latentDim);
    }

    /** C_kappa(z): N x latentDim -> N x 1 scores. */
    static Block latentCritic(int mlpWidth) {
        return Layers.mlp(MLP_LAYERS, mlpWidth, Layers::relu, 1);
    }

    /** C_zeta(x): N x C x H x W -> N x 1 scores. */
    static Block imageCritic(int width) {
        return new SequentialBlock()
                .add(Layers.conv(width, FlexAeAutoencoder.ENCODER_KERNEL, 2, 1))
                .add(Layers.relu())
                .add(Layers.conv(2 * width, FlexAeAutoencoder.ENCODER_KERNEL, 2, 1))
                .add(Layers.relu())
                .add(Blocks.batchFlattenBlock())
                .add(Layers.linear((long) FlexAeAutoencoder.DENSE_MULTIPLE * width))
                .add(Layers.relu())
                .add(Layers.linear(1));
    }
}
