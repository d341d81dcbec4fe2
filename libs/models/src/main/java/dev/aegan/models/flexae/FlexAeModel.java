package dev.aegan.models.flexae;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import dev.aegan.models.api.AbstractGenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.nn.FlexAeAutoencoder;
import dev.aegan.models.phase.PhaseContext;
import dev.aegan.models.phase.PhaseLoss;
import dev.aegan.models.phase.TrainingPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A FlexAE or FlexAE-SR: encoder E, decoder D, prior generator G_psi (P-GEN), latent critic C_kappa
 * and, for -SR, image critic C_zeta (see {@link FlexAeAutoencoder} and {@link FlexAeNetworks}); losses in {@link FlexAeObjectives}.
 *
 * <p>One training step is one iteration of the authors' FlexAESR.py training loop:
 * {@value #AUTOENCODER} (5) on encoder and decoder; n_critic times {@code latent_critic-k} (6) and,
 * for -SR, {@code image_critic-k} (9); then, for -SR, {@value #SMOOTHING} (10) on encoder and decoder;
 * {@value #PRIOR_GENERATOR} (7); {@value #ENCODER} (8) on the encoder. Each loss has its own Adam
 * state, as each has its own optimizer in that code ({@link FlexAeConfig}). As the code draws a fresh
 * batch for the autoencoder step and for each critic iteration, a step consumes 1 + n_critic batches:
 * {@value #AUTOENCODER} sees batch 0, the critics of iteration k batch k, and the phases after them the
 * last critic batch, as the code feeds them the last iteration's; each phase makes its own draws.
 *
 * <p>Sampling goes through P-GEN: {@link #sample} takes the noise n (N x {@link #latentDim()}, which is
 * m', P-GEN's input size) and decodes G_psi(n); reconstructions decode E(x).
 */
public final class FlexAeModel extends AbstractGenerativeModel {

    public static final String ENCODER = "encoder";
    public static final String DECODER = "decoder";
    public static final String PRIOR_GENERATOR = "prior_generator";
    public static final String LATENT_CRITIC = "latent_critic";
    public static final String IMAGE_CRITIC = "image_critic";
    public static final String AUTOENCODER = "autoencoder";
    public static final String SMOOTHING = "smoothing";

    private final FlexAeConfig config;
    private final FlexAeObjectives objectives;

    FlexAeModel(String familyName, ImageShape shape, Map<String, Object> hyperparameters, FlexAeConfig config,
            Device device) {
        super(familyName, shape, config.noiseDim(), hyperparameters, device);
        this.config = config;
        this.objectives = build(() -> {
            Shape code = new Shape(1, config.latentDim());
            Block encoder = addNetwork(ENCODER, FlexAeAutoencoder.encoder(config.channels(), config.latentDim()),
                    shape.batchShape(1));
            Block decoder = addNetwork(DECODER, FlexAeAutoencoder.decoder(shape, config.channels()), code);
            Block priorGenerator = addNetwork(PRIOR_GENERATOR,
                    FlexAeNetworks.priorGenerator(config.mlpWidth(), config.latentDim()), new Shape(1, config.noiseDim()));
            Block latentCritic = addNetwork(LATENT_CRITIC, FlexAeNetworks.latentCritic(config.mlpWidth()), code);
            Block imageCritic = config.smoothing()
                    ? addNetwork(IMAGE_CRITIC, FlexAeNetworks.imageCritic(config.channels()), shape.batchShape(1))
                    : null;
            return new FlexAeObjectives(config, encoder, decoder, priorGenerator, latentCritic, imageCritic);
        });
        inferWith(objectives::decode, objectives::encode);
        List<TrainingPhase> list = new ArrayList<>();
        list.add(new TrainingPhase(AUTOENCODER, List.of(ENCODER, DECODER), config.autoencoderAdam(),
                context -> objectives.autoencoder(context.parameters(), context.batch())));
        for (int k = 1; k <= config.criticSteps(); k++) {
            list.add(new TrainingPhase(LATENT_CRITIC + "-" + k, List.of(LATENT_CRITIC), config.latentCriticAdam(),
                    this::latentCriticStep).onBatch(k));
            if (config.smoothing()) {
                list.add(new TrainingPhase(IMAGE_CRITIC + "-" + k, List.of(IMAGE_CRITIC), config.imageCriticAdam(),
                        this::imageCriticStep).onBatch(k));
            }
        }
        int lastCriticBatch = config.criticSteps();
        if (config.smoothing()) {
            list.add(new TrainingPhase(SMOOTHING, List.of(ENCODER, DECODER), config.smoothingAdam(), this::smoothingStep,
                    SMOOTHING).onBatch(lastCriticBatch));
        }
        list.add(new TrainingPhase(PRIOR_GENERATOR, List.of(PRIOR_GENERATOR), config.priorGeneratorAdam(),
                context -> objectives.priorGenerator(context.parameters(), noise(context))).onBatch(lastCriticBatch));
        list.add(new TrainingPhase(ENCODER, List.of(ENCODER), config.encoderAdam(),
                context -> objectives.encoder(context.parameters(), context.batch()), ENCODER).onBatch(lastCriticBatch));
        trainWith(list);
    }

    public FlexAeConfig config() {
        return config;
    }

    FlexAeObjectives objectives() {
        return objectives;
    }

    /** Decodes G_psi(n) for noise n ~ N(0, I) of N x m'. */
    @Override
    public NDArray sample(NDArray noise) {
        requireShape(noise, new Shape(config.noiseDim()), "prior-generator noise");
        return infer(noise, in -> objectives.decode(in.parameters(), objectives.prior(in.parameters(), in.array(), false),
                false));
    }

    @Override
    public NDArray reconstruct(NDArray x) {
        requireImages(x);
        return infer(x, in -> objectives.decode(in.parameters(), objectives.encode(in.parameters(), in.array(), false),
                false));
    }

    /** D(z) for codes z of N x m, the encoder's and P-GEN's output size. */
    @Override
    public NDArray decode(NDArray codes, int[] labels) {
        requireShape(codes, new Shape(config.latentDim()), "codes");
        return infer(codes, in -> objectives.decode(in.parameters(), in.array(), false));
    }

    /** G_psi(n): the learnt prior's codes of noise n ~ N(0, I) of N x m'. */
    @Override
    public NDArray priorCodes(NDArray noise) {
        requireShape(noise, new Shape(config.noiseDim()), "prior-generator noise");
        return infer(noise, in -> objectives.prior(in.parameters(), in.array(), false));
    }

    /** A uniformly random permutation of 0..n-1 from the phase's stream. */
    static int[] partners(RandomStream random, int n) {
        return random.permutation(n);
    }

    private PhaseLoss latentCriticStep(PhaseContext context) {
        NDArray noise = noise(context);
        return objectives.latentCritic(context.parameters(), context.batch(), noise, perSample(context));
    }

    private PhaseLoss imageCriticStep(PhaseContext context) {
        NDArray gamma = perSample(context);
        int[] partners = partners(context.random(), Math.toIntExact(context.batch().getShape().get(0)));
        return objectives.imageCritic(context.parameters(), context.batch(), gamma, partners, perSample(context));
    }

    private PhaseLoss smoothingStep(PhaseContext context) {
        NDArray gamma = perSample(context);
        int[] partners = partners(context.random(), Math.toIntExact(context.batch().getShape().get(0)));
        return objectives.smoothing(context.parameters(), context.batch(), gamma, partners);
    }

    private NDArray noise(PhaseContext context) {
        return context.normal(new Shape(context.batch().getShape().get(0), config.noiseDim()));
    }

    /** One U[0, 1] draw per image of the batch. */
    private static NDArray perSample(PhaseContext context) {
        return context.uniform(new Shape(context.batch().getShape().get(0)), 0, 1);
    }
}
