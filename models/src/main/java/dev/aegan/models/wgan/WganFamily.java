package dev.aegan.models.wgan;

import ai.djl.Device;
import dev.aegan.models.api.AbstractModelFamily;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.api.HyperparameterSchema;
import dev.aegan.models.core.ImageShape;
import java.util.Map;

/**
 * WGAN-GP (Gulrajani et al. 2017, "Improved Training of Wasserstein GANs"), the pure GAN the
 * hybrid models are compared with. Defaults are Algorithm 1's: lambda = 10, n_critic = 5, Adam with
 * alpha = 1e-4, beta1 = 0, beta2 = 0.9; latent 128 and width 64 as the authors' gan_mnist.py
 * (gan_cifar.py uses width 128).
 */
public final class WganFamily extends AbstractModelFamily {

    public static final String NAME = "wgan-gp";
    public static final String LATENT_DIM = "latentDim";
    public static final String CHANNELS = "channels";
    public static final String LEARNING_RATE = "learningRate";
    public static final String BETA1 = "beta1";
    public static final String BETA2 = "beta2";
    public static final String GRADIENT_PENALTY = "gradientPenalty";
    public static final String CRITIC_STEPS = "criticSteps";

    /** Image sides the networks accept: three stride-2 convolutions, a generator canvas of 8k. */
    public static final int MIN_SIDE = 8;
    public static final int MAX_SIDE = 256;

    private static final HyperparameterSchema SCHEMA = HyperparameterSchema.builder(NAME)
            .integer(LATENT_DIM, 128, 1, 1024)
            .integer(CHANNELS, 64, 2, 512)
            .positiveReal(LEARNING_RATE, 1e-4, 1.0)
            .realBelow(BETA1, 0.0, 0.0, 1.0)
            .realBelow(BETA2, 0.9, 0.0, 1.0)
            .real(GRADIENT_PENALTY, 10.0, 0.0, 1e6)
            .integer(CRITIC_STEPS, 5, 1, 100)
            .build();

    public WganFamily() {
        super(NAME, SCHEMA, sidesWithin(MIN_SIDE, MAX_SIDE, null));
    }

    @Override
    protected GenerativeModel newModel(ImageShape shape, Map<String, Object> effective, Device device) {
        return new WganModel(shape, effective, WganConfig.from(effective), device);
    }
}
