package dev.aegan.models.vae;

import ai.djl.Device;
import dev.aegan.models.api.AbstractModelFamily;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.api.InvalidHyperparameterException;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.UnsupportedImageShapeException;
import java.util.Map;

/** The convolutional VAE baseline (Kingma and Welling 2014) that the hybrid models are compared with. */
public final class VaeFamily extends AbstractModelFamily<VaeConfig> {

    public static final String NAME = "vae";

    private static final String NETWORK = "network";
    private static final String CHANNELS = "channels";

    public VaeFamily() {
        super(NAME, VaeConfig.class, VaeFamily::requireSidesMultiplesOfFour);
    }

    private static void requireSidesMultiplesOfFour(String family, ImageShape shape) {
        if (shape.height() % 4 != 0 || shape.width() % 4 != 0) {
            throw new UnsupportedImageShapeException(family, shape,
                    "height and width must be multiples of 4 (two stride-2 convolutions), e.g. 1x28x28 or 3x32x32");
        }
    }

    /**
     * The schema's resolution, rejecting a {@code channels} other than the default with the {@code small}
     * network, which has no width to set.
     */
    @Override
    public Map<String, Object> resolve(ImageShape shape, Map<String, ?> hyperparameters) {
        Map<String, Object> effective = super.resolve(shape, hyperparameters);
        Object channels = effective.get(CHANNELS);
        Object defaultChannels = defaultHyperparameters().get(CHANNELS);
        if (VaeConfig.SMALL_NETWORK.equals(effective.get(NETWORK)) && !channels.equals(defaultChannels)) {
            throw new InvalidHyperparameterException(name(), CHANNELS, channels, defaultChannels + " with network "
                    + VaeConfig.SMALL_NETWORK + "; any width in [2, 512] with network " + VaeConfig.FLEXAE_NETWORK,
                    "has no effect with network " + VaeConfig.SMALL_NETWORK + ", whose widths are fixed at "
                    + VaeNetworks.HIDDEN_1 + " and " + VaeNetworks.HIDDEN_2);
        }
        return effective;
    }

    @Override
    protected GenerativeModel newModel(ImageShape shape, Map<String, Object> effective, Device device) {
        return new VaeModel(shape, effective, config().bind(effective), device);
    }
}
