package dev.aegan.models.flexae;

import ai.djl.Device;
import dev.aegan.models.api.AbstractModelFamily;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import java.util.Map;

/**
 * FlexAE and FlexAE-SR (Mondal et al., UAI 2021, paper 002): a deterministic autoencoder whose prior is
 * learnt by a prior generator (P-GEN) against a WGAN-GP latent critic; FlexAE-SR adds the smoothing
 * regulariser, an image critic on decoded interpolations of codes. Samples decode P-GEN's output.
 *
 * <p>Defaults are the authors' FlexAESR.py for 28x28 data: m = m' = 32 (128 for CIFAR-10 and CelebA),
 * base learning rate 1e-4 (multiples in {@link FlexAeConfig}), gradient penalty beta = 10, 5 critic
 * steps per autoencoder step, widths 64 and 1024; their batch is 128 (the trainer's).
 */
public final class FlexAeFamily extends AbstractModelFamily<FlexAeConfig> {

    public static final String FLEXAE = "flexae";
    public static final String FLEXAE_SR = "flexae-sr";

    /** Image sides the networks accept: two stride-2 convolutions, a decoder canvas of 4k. */
    public static final int MIN_SIDE = 8;
    public static final int MAX_SIDE = 256;

    private final boolean smoothing;

    private FlexAeFamily(boolean smoothing, String name) {
        super(name, FlexAeConfig.class, sidesWithin(MIN_SIDE, MAX_SIDE, "two stride-2 convolutions"));
        this.smoothing = smoothing;
    }

    public static FlexAeFamily flexAe() {
        return new FlexAeFamily(false, FLEXAE);
    }

    public static FlexAeFamily flexAeSr() {
        return new FlexAeFamily(true, FLEXAE_SR);
    }

    @Override
    protected GenerativeModel newModel(ImageShape shape, Map<String, Object> effective, Device device) {
        return new FlexAeModel(name(), shape, effective, config().bind(effective, smoothing), device);
    }
}
