package dev.aegan.models.idvae;

import ai.djl.Device;
import dev.aegan.models.api.AbstractModelFamily;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.api.ModelFamily;
import dev.aegan.models.core.ImageShape;
import java.util.Map;

/**
 * IDVAE (paper 004, "Implicit Discriminator in Variational Autoencoder"): a VAE whose encoder shares
 * its layers up to the penultimate one with the GAN discriminator, and whose decoder is the
 * generator; {@value #IDVAE_R} also minimises the pixel reconstruction loss in the decoder
 * (Section 5.1), and {@value #C_IDVAE} (Section 5.3) conditions every network on class labels: the
 * one-hot label joins the generator's input and, as IcGAN does (Perarnau et al., whom the paper
 * follows), the shared trunk after its first convolution, so encoder and discriminator both see it.
 * C-IDVAE's size of the label code, {@value ModelFamily#CLASSES}, defaults to 10 (MNIST, Fashion-MNIST, CIFAR-10).
 *
 * <p>The architectures and tuned hyperparameters are in the paper's supplement, which we do not have:
 * networks are the DCGAN-style ones of {@link dev.aegan.models.nn.DcganNetworks} sized for 28x28 and
 * 32x32, the loss weights alpha, beta (8), omega, lambda (13) default to 1, latent 128, Adam 2e-4
 * with betas 0.5, 0.999 (DCGAN's).
 */
public final class IdvaeFamily extends AbstractModelFamily<IdvaeConfig> {

    public static final String IDVAE = "idvae";
    public static final String IDVAE_R = "idvae-r";
    public static final String C_IDVAE = "c-idvae";

    /** Image sides the networks accept: three stride-2 convolutions, a generator canvas of 8k. */
    public static final int MIN_SIDE = 8;
    public static final int MAX_SIDE = 256;

    private final boolean decoderReconstructs;
    private final boolean conditional;

    private IdvaeFamily(boolean decoderReconstructs, boolean conditional, String name) {
        super(name, IdvaeConfig.class, sidesWithin(MIN_SIDE, MAX_SIDE, "three stride-2 convolutions"));
        this.decoderReconstructs = decoderReconstructs;
        this.conditional = conditional;
    }

    public static IdvaeFamily idvae() {
        return new IdvaeFamily(false, false, IDVAE);
    }

    public static IdvaeFamily idvaeR() {
        return new IdvaeFamily(true, false, IDVAE_R);
    }

    public static IdvaeFamily cIdvae() {
        return new IdvaeFamily(false, true, C_IDVAE);
    }

    @Override
    public boolean conditional() {
        return conditional;
    }

    @Override
    protected GenerativeModel newModel(ImageShape shape, Map<String, Object> effective, Device device) {
        return new IdvaeModel(name(), shape, effective, config().bind(effective, decoderReconstructs), device);
    }
}
