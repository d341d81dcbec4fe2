package dev.aegan.models.vae;

import ai.djl.Device;
import dev.aegan.models.api.AbstractModelFamily;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.api.HyperparameterSchema;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.UnsupportedImageShapeException;
import java.util.Map;

/** The convolutional VAE baseline (Kingma and Welling 2014) that the hybrid models are compared with. */
public final class VaeFamily extends AbstractModelFamily {

    public static final String NAME = "vae";
    public static final String LATENT_DIM = "latentDim";
    public static final String LEARNING_RATE = "learningRate";
    public static final String BETA1 = "beta1";
    public static final String BETA2 = "beta2";
    public static final String BETA = "beta";
    public static final String RECONSTRUCTION_LOSS = "reconstructionLoss";

    private static final HyperparameterSchema SCHEMA = HyperparameterSchema.builder(NAME)
            .integer(LATENT_DIM, 16, 1, 1024)
            .positiveReal(LEARNING_RATE, 1e-3, 1.0)
            .realBelow(BETA1, 0.9, 0.0, 1.0)
            .realBelow(BETA2, 0.999, 0.0, 1.0)
            .real(BETA, 1.0, 0.0, 1000.0)
            .choice(RECONSTRUCTION_LOSS, "mse", "mse", "bce")
            .build();

    public VaeFamily() {
        super(NAME, SCHEMA, VaeFamily::requireSidesMultiplesOfFour);
    }

    private static void requireSidesMultiplesOfFour(String family, ImageShape shape) {
        if (shape.height() % 4 != 0 || shape.width() % 4 != 0) {
            throw new UnsupportedImageShapeException(family, shape,
                    "height and width must be multiples of 4 (two stride-2 convolutions), e.g. 1x28x28 or 3x32x32");
        }
    }

    @Override
    protected GenerativeModel newModel(ImageShape shape, Map<String, Object> effective, Device device) {
        return new VaeModel(shape, effective, VaeConfig.from(effective), device);
    }
}
