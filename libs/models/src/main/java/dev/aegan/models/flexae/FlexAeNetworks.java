package dev.aegan.models.flexae;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.nn.Layers;

/**
 * The networks of the authors' FlexAESR.py (dair-iitd/FlexAE; the paper's supplement, which we do not
 * have, names the 2-stage VAE architecture), width c (their 64) and MLP width w (their 1024):
 * <ul>
 *   <li>encoder: conv4x4/2 to c and ReLU, conv4x4/2 to 2c with batch norm and ReLU, linear to 16c
 *       with batch norm and ReLU, linear to z. Padding 1 maps a side n to floor(n/2).</li>
 *   <li>decoder: linear to 16c with batch norm and ReLU, linear to 2c x ceil(H/4) x ceil(W/4) with
 *       batch norm and ReLU, twice "upsample x2 + conv5x5" (for their 4x4 stride-2 transposed
 *       convolutions, absent from DJL's PyTorch engine) to 2c and c with batch norm and ReLU, conv3x3
 *       to C, then tanh (their sigmoid, for pixels in [0, 1]; ours are in [-1, 1]); the canvas is
 *       cropped to its centre H x W.</li>
 *   <li>P-GEN G_psi: four linear layers of w units with ReLU, then linear to z.</li>
 *   <li>latent critic C_kappa: four linear layers of w units with ReLU, then one score.</li>
 *   <li>image critic C_zeta (FlexAE-SR): conv4x4/2 to c and ReLU, conv4x4/2 to 2c and ReLU, linear to
 *       16c and ReLU, then one score; no normalisation (the gradient penalty is per sample).</li>
 * </ul>
 */
final class FlexAeNetworks {

    static final int ENCODER_KERNEL = 4;
    static final int DECODER_KERNEL = 5;
    static final int MLP_LAYERS = 4;
    /** The dense layers of encoder, decoder and image critic have 16c units (1024 for c = 64). */
    static final int DENSE_MULTIPLE = 16;

    private FlexAeNetworks() {
    }

    /** E(x): N x C x H x W -> N x latentDim. */
    static Block encoder(int width, int latentDim) {
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
                .add(Layers.linear(latentDim));
    }

    /** D(z): N x latentDim -> N x C x H x W in [-1, 1]. */
    static Block decoder(ImageShape shape, int width) {
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
                .add(Activation.tanhBlock())
                .add(Layers.cropToCentre(shape, 4 * baseHeight, 4 * baseWidth));
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
                .add(Layers.conv(width, ENCODER_KERNEL, 2, 1))
                .add(Layers.relu())
                .add(Layers.conv(2 * width, ENCODER_KERNEL, 2, 1))
                .add(Layers.relu())
                .add(Blocks.batchFlattenBlock())
                .add(Layers.linear((long) DENSE_MULTIPLE * width))
                .add(Layers.relu())
                .add(Layers.linear(1));
    }
}
