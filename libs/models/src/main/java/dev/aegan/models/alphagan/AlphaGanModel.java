package dev.aegan.models.alphagan;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.aegan.models.api.AbstractGenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.phase.AdamSettings;
import dev.aegan.models.phase.PhaseContext;
import dev.aegan.models.phase.TrainingPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An alpha-GAN: encoder E(x), generator G(z), discriminator D(x) and code discriminator C(z) (see
 * {@link AlphaGanNetworks}), losses in {@link AlphaGanObjectives}.
 *
 * <p>One training step is one iteration of Algorithm 1 in its order (encoder, generator,
 * discriminator, code discriminator) with "the encoder and the generator [updated] twice for each
 * discriminator and code discriminator update" (Section 5, and the authors' word that each network
 * is updated on its own): phases {@code encoder-1}, {@code generator-1}, {@code encoder-2},
 * {@code generator-2}, {@value #DISCRIMINATOR}, {@value #CODE_DISCRIMINATOR}, each updating the
 * network it is named after, each with its own z ~ N(0, I). All phases of a step see the step's batch.
 * Samples decode z ~ N(0, I); reconstructions decode E(x).
 */
public final class AlphaGanModel extends AbstractGenerativeModel {

    public static final String ENCODER = "encoder";
    public static final String GENERATOR = "generator";
    public static final String DISCRIMINATOR = "discriminator";
    public static final String CODE_DISCRIMINATOR = "code_discriminator";

    /** Encoder and generator updates per discriminator update (Section 5). */
    public static final int AUTOENCODER_UPDATES = 2;

    private final AlphaGanConfig config;
    private final AlphaGanObjectives objectives;

    AlphaGanModel(ImageShape shape, Map<String, Object> hyperparameters, AlphaGanConfig config, Device device) {
        super(AlphaGanFamily.NAME, shape, config.latentDim(), hyperparameters, device);
        this.config = config;
        this.objectives = build(() -> {
            Shape code = new Shape(1, config.latentDim());
            Block encoder = addNetwork(ENCODER, AlphaGanNetworks.encoder(config.channels(), config.latentDim()),
                    shape.batchShape(1));
            Block generator = addNetwork(GENERATOR, AlphaGanNetworks.generator(shape, config.channels()), code);
            Block discriminator = addNetwork(DISCRIMINATOR, AlphaGanNetworks.discriminator(config.channels()),
                    shape.batchShape(1));
            Block codeDiscriminator = addNetwork(CODE_DISCRIMINATOR,
                    AlphaGanNetworks.codeDiscriminator(config.codeDiscriminatorWidth()), code);
            return new AlphaGanObjectives(config, encoder, generator, discriminator, codeDiscriminator);
        });
        inferWith(objectives::generate, objectives::encode);
        AdamSettings adam = config.adam();
        List<TrainingPhase> list = new ArrayList<>();
        for (int k = 1; k <= AUTOENCODER_UPDATES; k++) {
            list.add(new TrainingPhase(ENCODER + "-" + k, List.of(ENCODER), adam,
                    context -> objectives.encoder(context.parameters(), context.batch())));
            list.add(new TrainingPhase(GENERATOR + "-" + k, List.of(GENERATOR), adam,
                    context -> objectives.generator(context.parameters(), context.batch(), prior(context))));
        }
        list.add(new TrainingPhase(DISCRIMINATOR, List.of(DISCRIMINATOR), adam,
                context -> objectives.discriminator(context.parameters(), context.batch(), prior(context))));
        list.add(new TrainingPhase(CODE_DISCRIMINATOR, List.of(CODE_DISCRIMINATOR), adam,
                context -> objectives.codeDiscriminator(context.parameters(), context.batch(), prior(context))));
        trainWith(list);
    }

    AlphaGanObjectives objectives() {
        return objectives;
    }

    private NDArray prior(PhaseContext context) {
        return context.normal(new Shape(context.batch().getShape().get(0), config.latentDim()));
    }
}
