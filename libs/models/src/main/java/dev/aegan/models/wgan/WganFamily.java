package dev.aegan.models.wgan;

import ai.djl.Device;
import dev.aegan.models.api.AbstractModelFamily;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import java.util.Map;

/**
 * WGAN-GP (Gulrajani et al. 2017, "Improved Training of Wasserstein GANs"), the pure GAN the
 * hybrid models are compared with. Defaults are Algorithm 1's: lambda = 10, n_critic = 5, Adam with
 * alpha = 1e-4, beta1 = 0, beta2 = 0.9; latent 128 and width 64 as the authors' gan_mnist.py
 * (gan_cifar.py uses width 128).
 */
public final class WganFamily extends AbstractModelFamily<WganConfig> {

    public static final String NAME = "wgan-gp";

    /** Image sides the networks accept: three stride-2 convolutions, a generator canvas of 8k. */
    public static final int MIN_SIDE = 8;
    public static final int MAX_SIDE = 256;

    public WganFamily() {
        super(NAME, WganConfig.class, sidesWithin(MIN_SIDE, MAX_SIDE, null));
    }

    @Override
    protected GenerativeModel newModel(ImageShape shape, Map<String, Object> effective, Device device) {
        return new WganModel(shape, effective, config().bind(effective), device);
    }
}
