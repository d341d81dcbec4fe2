package dev.aegan.models.alphagan;

import ai.djl.Device;
import dev.aegan.models.api.AbstractModelFamily;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import java.util.Map;

/**
 * alpha-GAN (Rosca et al. 2017, "Variational Approaches for Auto-Encoding Generative Adversarial
 * Networks", paper 003): encoder, generator, image discriminator (reconstructions and samples both
 * fakes) and code discriminator, an L1 reconstruction term of weight lambda.
 *
 * <p>Defaults, from Appendix H and our readings where its numbers were lost in extraction:
 * <ul>
 *   <li>{@code reconstructionWeight} 10: the paper sweeps lambda over 1, 5, 10, 50 (H.1, for the
 *       encoder and the generator alike) and names no single best value; with the L1 term a per-pixel
 *       mean (the reading in {@link AlphaGanObjectives}), 1 leaves the reconstruction weaker than one
 *       adversarial term, so we take 10 from the sweep.</li>
 *   <li>{@code latentDim} 50: the middle of the ColorMNIST sweep 10, 50, 75 (H.4.1).</li>
 *   <li>Adam beta1 0.5, beta2 0.9 (our reading of H's garbled values, libs/models/README.md), batch 64 (the
 *       trainer's); the learning-rate sweeps of Table 2 are lost: 2e-4, DCGAN's, for all networks.</li>
 *   <li>{@code channels} 64: gan_mnist.py's DIM (H.4.2 uses Gulrajani et al.'s networks).</li>
 *   <li>{@code codeDiscriminatorWidth} 750: "a 3 layer MLP, each layer containing 750 hidden
 *       units" (H.4), no batch norm.</li>
 *   <li>{@code adversarialForm} {@value #NON_SATURATING}: Section 3's improved technique (9), the
 *       -log D of Mohamed and Lakshminarayanan; {@value #DENSITY_RATIO} is Algorithm 1's
 *       -log(D/(1-D)), the discriminator's logit.</li>
 * </ul>
 */
public final class AlphaGanFamily extends AbstractModelFamily<AlphaGanConfig> {

    public static final String NAME = "alpha-gan";

    public static final String NON_SATURATING = "non-saturating";
    public static final String DENSITY_RATIO = "density-ratio";

    /** Image sides the networks accept: three stride-2 convolutions, a generator canvas of 8k. */
    public static final int MIN_SIDE = 8;
    public static final int MAX_SIDE = 256;

    public AlphaGanFamily() {
        super(NAME, AlphaGanConfig.class, sidesWithin(MIN_SIDE, MAX_SIDE, "three stride-2 convolutions"));
    }

    @Override
    protected GenerativeModel newModel(ImageShape shape, Map<String, Object> effective, Device device) {
        return new AlphaGanModel(shape, effective, config().bind(effective), device);
    }
}
