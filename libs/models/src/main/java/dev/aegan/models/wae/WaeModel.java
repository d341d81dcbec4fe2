package dev.aegan.models.wae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.aegan.models.api.AbstractGenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.phase.PhaseContext;
import dev.aegan.models.phase.PhaseLoss;
import dev.aegan.models.phase.TrainingPhase;
import dev.aegan.models.wae.WaeFamily.Penalty;
import java.util.List;
import java.util.Map;

/**
 * A Wasserstein Auto-Encoder: deterministic encoder E(x), decoder G(z) and, for WAE-GAN, a latent
 * adversary D(z) (see {@link WaeNetworks}).
 *
 * <p>One training step is one iteration of the paper's algorithm:
 * <ul>
 *   <li>{@code wae-mmd}: phase {@value #AUTOENCODER} (encoder and decoder) on Algorithm 2's
 *       objective, with its own prior draws;</li>
 *   <li>{@code wae-gan}: phase {@value #ADVERSARY} (the adversary), then {@value #AUTOENCODER}
 *       (encoder and decoder), Algorithm 1's order.</li>
 * </ul>
 * Samples decode z ~ N(0, I); reconstructions decode E(x).
 */
public final class WaeModel extends AbstractGenerativeModel {

    public static final String ENCODER = "encoder";
    public static final String DECODER = "decoder";
    public static final String ADVERSARY = "adversary";
    public static final String AUTOENCODER = "autoencoder";

    private final WaeConfig config;
    private final WaeObjectives objectives;

    WaeModel(String familyName, ImageShape shape, Map<String, Object> hyperparameters, WaeConfig config, Device device) {
        super(familyName, shape, config.latentDim(), hyperparameters, device);
        this.config = config;
        boolean gan = config.penalty() == Penalty.GAN;
        this.objectives = build(() -> {
            Shape code = new Shape(1, config.latentDim());
            Block encoder = addNetwork(ENCODER, WaeNetworks.encoder(config), shape.batchShape(1));
            Block decoder = addNetwork(DECODER, WaeNetworks.decoder(shape, config), code);
            Block adversary = gan ? addNetwork(ADVERSARY, WaeNetworks.adversary(config.adversaryWidth()), code) : null;
            return new WaeObjectives(config, encoder, decoder, adversary);
        });
        inferWith(objectives::decode, objectives::encode);
        List<String> autoencoder = List.of(ENCODER, DECODER);
        trainWith(gan
                ? List.of(new TrainingPhase(ADVERSARY, List.of(ADVERSARY), config.adversaryAdam(), this::adversaryStep),
                        new TrainingPhase(AUTOENCODER, autoencoder, config.adam(),
                                context -> objectives.autoencoderWithAdversary(context.parameters(), context.batch())))
                : List.of(new TrainingPhase(AUTOENCODER, autoencoder, config.adam(), this::mmdStep)));
    }

    public WaeConfig config() {
        return config;
    }

    WaeObjectives objectives() {
        return objectives;
    }

    private PhaseLoss mmdStep(PhaseContext context) {
        NDArray x = context.batch();
        return objectives.autoencoderWithMmd(context.parameters(), x,
                context.normal(new Shape(x.getShape().get(0), config.latentDim())));
    }

    private PhaseLoss adversaryStep(PhaseContext context) {
        NDArray x = context.batch();
        return objectives.adversary(context.parameters(), x,
                context.normal(new Shape(x.getShape().get(0), config.latentDim())));
    }
}
