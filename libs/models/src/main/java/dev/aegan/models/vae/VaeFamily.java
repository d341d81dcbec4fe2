package dev.aegan.models.vae;

import ai.djl.Device;
import dev.aegan.models.api.AbstractModelFamily;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.UnsupportedImageShapeException;
import java.util.Map;

/** The convolutional VAE baseline (Kingma and Welling 2014) that the hybrid models are compared with. */
public final class VaeFamily extends AbstractModelFamily<VaeConfig> {

    public static final String NAME = "vae";

    public VaeFamily() {
        super(NAME, VaeConfig.class, VaeFamily::requireSidesMultiplesOfFour);
    }

    private static void requireSidesMultiplesOfFour(String family, ImageShape shape) {
        if (shape.height() % 4 != 0 || shape.width() % 4 != 0) {
            throw new UnsupportedImageShapeException(family, shape,
                    "height and width must be multiples of 4 (two stride-2 convolutions), e.g. 1x28x28 or 3x32x32");
        }
    }

    @Override
    protected GenerativeModel newModel(ImageShape shape, Map<String, Object> effective, Device device) {
        return new VaeModel(shape, effective, config().bind(effective), device);
    }
}
