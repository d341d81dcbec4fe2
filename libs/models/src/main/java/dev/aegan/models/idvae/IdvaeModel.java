package dev.aegan.models.idvae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.aegan.models.api.AbstractGenerativeModel;
import dev.aegan.models.core.ClassCycle;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.nn.DcganNetworks;
import dev.aegan.models.nn.OneHot;
import dev.aegan.models.phase.AdamSettings;
import dev.aegan.models.phase.PhaseContext;
import dev.aegan.models.phase.TrainingPhase;
import java.util.List;
import java.util.Map;

/**
 * An IDVAE or IDVAE(R): networks {@value #SHARED}, {@value #ENCODER_HEAD}, {@value #DISCRIMINATOR_HEAD}
 * and {@value #DECODER} (see {@link IdvaeNetworks}), losses in {@link IdvaeObjectives}.
 *
 * <p>One training step is one pass of Algorithm 1's loop, three updates in its order: phase
 * {@value #DISCRIMINATOR} (shared trunk and discriminator head, (9)), phase {@value #ENCODER} (shared
 * trunk and encoder head, (8)), phase {@value #DECODER} (decoder, (13)); each with its own draws of
 * eps and z'. Algorithm 1 prints the batch and its codes (lines 3-7) before the loop; we read them as
 * drawn anew each iteration. The shared trunk is updated twice per step, once by each loss, each
 * with its own Adam state ("once each with the encoder and discriminator losses"): the two phases
 * have optimizer groups {@value #DISCRIMINATOR} and {@value #ENCODER}.
 *
 * <p>Samples decode z ~ N(0, I); reconstructions decode the posterior mean. A C-IDVAE
 * ({@code classes() > 0}) conditions both on labels: {@link #sample(NDArray)} cycles through the
 * classes, {@link #reconstruct(NDArray)} needs the images' labels.
 */
public final class IdvaeModel extends AbstractGenerativeModel {

    public static final String SHARED = "shared";
    public static final String ENCODER_HEAD = "encoder_head";
    public static final String DISCRIMINATOR_HEAD = "discriminator_head";
    public static final String DECODER = "decoder";
    public static final String DISCRIMINATOR = "discriminator";
    public static final String ENCODER = "encoder";

    private final IdvaeConfig config;
    private final IdvaeObjectives objectives;

    IdvaeModel(String familyName, ImageShape shape, Map<String, Object> hyperparameters, IdvaeConfig config,
            Device device) {
        super(familyName, shape, config.latentDim(), hyperparameters, device);
        this.config = config;
        this.objectives = build(() -> {
            Shape features = new Shape(1, DcganNetworks.trunkFeatures(shape, config.channels()));
            Shape[] sharedInputs = config.conditional()
                    ? new Shape[] {shape.batchShape(1), new Shape(1, config.classes())}
                    : new Shape[] {shape.batchShape(1)};
            Block shared = addNetwork(SHARED, IdvaeNetworks.shared(config.channels(), config.conditional()),
                    sharedInputs);
            Block encoderHead = addNetwork(ENCODER_HEAD, IdvaeNetworks.encoderHead(config.latentDim()), features);
            Block discriminatorHead = addNetwork(DISCRIMINATOR_HEAD, IdvaeNetworks.discriminatorHead(), features);
            Block decoder = addNetwork(DECODER, IdvaeNetworks.decoder(shape, config.channels()),
                    new Shape(1, config.latentDim() + config.classes()));
            return new IdvaeObjectives(config, shared, encoderHead, discriminatorHead, decoder);
        });
        AdamSettings adam = config.adam();
        trainWith(List.of(
                new TrainingPhase(DISCRIMINATOR, List.of(SHARED, DISCRIMINATOR_HEAD), adam,
                        context -> objectives.discriminator(context.parameters(), context.batch(),
                                condition(context), normal(context), normal(context)), DISCRIMINATOR),
                new TrainingPhase(ENCODER, List.of(SHARED, ENCODER_HEAD), adam,
                        context -> objectives.encoder(context.parameters(), context.batch(), condition(context),
                                normal(context)), ENCODER),
                new TrainingPhase(DECODER, List.of(DECODER), adam,
                        context -> objectives.decoder(context.parameters(), context.batch(), condition(context),
                                normal(context), normal(context)))));
    }

    IdvaeObjectives objectives() {
        return objectives;
    }

    @Override
    public int classes() {
        return config.classes();
    }

    @Override
    public NDArray sample(NDArray z) {
        return sample(z, ClassCycle.rows(0, (int) z.getShape().get(0), config.classes()));
    }

    @Override
    public NDArray sample(NDArray z, int[] labels) {
        requireLatentCodes(z);
        return infer(z, in -> objectives.decode(in.parameters(), in.array(), condition(labels, in.array()), false));
    }

    @Override
    public NDArray reconstruct(NDArray x) {
        return reconstruct(x, null);
    }

    @Override
    public NDArray reconstruct(NDArray x, int[] labels) {
        requireImages(x);
        return infer(x, in -> {
            NDArray condition = condition(labels, in.array());
            return objectives.decode(in.parameters(), posteriorMean(in, condition), condition, false);
        });
    }

    /** The posterior mean of q(z|x), the code {@link #reconstruct(NDArray, int[])} decodes. */
    @Override
    public NDArray encode(NDArray x, int[] labels) {
        requireImages(x);
        return infer(x, in -> posteriorMean(in, condition(labels, in.array())));
    }

    private NDArray posteriorMean(InferenceInput in, NDArray condition) {
        NDArray features = objectives.features(in.parameters(), in.array(), condition, false);
        return objectives.posterior(in.parameters(), features, false).get(0);
    }

    /** One-hot codes of {@code labels} for the rows of {@code input}; null for an unconditional model. */
    private NDArray condition(int[] labels, NDArray input) {
        if (!config.conditional()) {
            return null;
        }
        long rows = input.getShape().get(0);
        if (labels == null || labels.length != rows) {
            throw new IllegalArgumentException("a " + familyName() + " model needs one class label per row (" + rows
                    + "), got " + (labels == null ? "none" : labels.length));
        }
        return OneHot.encode(input.getManager(), labels, config.classes());
    }

    private NDArray condition(PhaseContext context) {
        return config.conditional() ? context.labels() : null;
    }

    /** N x latentDim standard normal draws (eps of q(z|x) or z' of the prior), in call order. */
    private NDArray normal(PhaseContext context) {
        return context.normal(new Shape(context.batch().getShape().get(0), config.latentDim()));
    }
}
