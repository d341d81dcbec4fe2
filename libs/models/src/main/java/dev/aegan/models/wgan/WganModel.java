package dev.aegan.models.wgan;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.aegan.models.api.AbstractGenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.nn.DcganNetworks;
import dev.aegan.models.nn.Layers;
import dev.aegan.models.phase.AdamSettings;
import dev.aegan.models.phase.PhaseContext;
import dev.aegan.models.phase.PhaseLoss;
import dev.aegan.models.phase.TrainingPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A WGAN-GP model: generator G(z) and critic D(x), the DCGAN-style networks of the authors'
 * gan_mnist.py and gan_cifar.py ({@link DcganNetworks}). The critic has no normalisation: batch norm
 * would make the gradient penalty, taken per sample, depend on the other samples (Section 4, "No
 * critic batch normalization"); its activations are LeakyReLU(0.2).
 *
 * <p>One training step is one iteration of Algorithm 1's outer loop: n_critic critic phases
 * ({@code critic-1} ... {@code critic-n}, each updating only the critic), then one
 * {@value #GENERATOR} phase. Each phase draws its own z ~ N(0, I) and eps ~ U[0, 1] from its step
 * stream. As Algorithm 1 samples a fresh real batch for every critic iteration, critic phase k sees the
 * step's batch k - 1: a step consumes n_critic batches. The generator sees no real image; it draws as
 * many z as the last critic batch has images.
 *
 * <p>A GAN has no encoder: {@link #canReconstruct()} is false and {@link #reconstruct} throws.
 */
public final class WganModel extends AbstractGenerativeModel {

    public static final String GENERATOR = "generator";
    public static final String CRITIC = "critic";

    static final float LEAKY_SLOPE = 0.2f;

    private final WganConfig config;
    private final WganObjectives objectives;

    WganModel(ImageShape shape, Map<String, Object> hyperparameters, WganConfig config, Device device) {
        super(WganFamily.NAME, shape, config.latentDim(), hyperparameters, device);
        this.config = config;
        this.objectives = build(() -> {
            Block generator = addNetwork(GENERATOR, DcganNetworks.generator(shape, config.channels()),
                    new Shape(1, config.latentDim()));
            Block critic = addNetwork(CRITIC, DcganNetworks.downsampler(config.channels(), false,
                    () -> Layers.leakyRelu(LEAKY_SLOPE), 1), shape.batchShape(1));
            return new WganObjectives(config, generator, critic);
        });
        inferWith(objectives::generate, null);
        AdamSettings adam = config.adam();
        List<TrainingPhase> list = new ArrayList<>();
        for (int k = 1; k <= config.criticSteps(); k++) {
            list.add(new TrainingPhase(criticPhase(k), List.of(CRITIC), adam, this::criticStep).onBatch(k - 1));
        }
        list.add(new TrainingPhase(GENERATOR, List.of(GENERATOR), adam, this::generatorStep)
                .onBatch(config.criticSteps() - 1));
        trainWith(list);
    }

    /** The name of the k-th critic phase of a step (1-based): {@code critic-k}. */
    public static String criticPhase(int k) {
        return CRITIC + "-" + k;
    }

    WganObjectives objectives() {
        return objectives;
    }

    @Override
    public boolean canReconstruct() {
        return false;
    }

    @Override
    public NDArray reconstruct(NDArray x) {
        throw new UnsupportedOperationException("model " + WganFamily.NAME
                + " is a GAN without an encoder: it samples but cannot reconstruct (check canReconstruct())");
    }

    private PhaseLoss criticStep(PhaseContext context) {
        NDArray x = context.batch();
        long n = x.getShape().get(0);
        NDArray z = context.normal(new Shape(n, config.latentDim()));
        NDArray eps = context.uniform(new Shape(n), 0, 1);
        return objectives.critic(context.parameters(), x, z, eps);
    }

    private PhaseLoss generatorStep(PhaseContext context) {
        NDArray z = context.normal(new Shape(context.batch().getShape().get(0), config.latentDim()));
        return objectives.generator(context.parameters(), z);
    }
}
