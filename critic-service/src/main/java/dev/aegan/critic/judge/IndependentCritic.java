package dev.aegan.critic.judge;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.checkpoint.NetworkParameters;
import dev.aegan.models.nn.GradientPenalty;
import dev.aegan.models.nn.Layers;
import dev.aegan.models.nn.LearnedParameters;
import dev.aegan.models.nn.NoGrad;
import dev.aegan.models.core.OwnedArrays;
import dev.aegan.models.nn.TorchInit;
import dev.aegan.models.training.AdamOptimizer;
import dev.aegan.models.phase.AdamSettings;

/**
 * The alpha-GAN paper's independent Wasserstein critic (Section 5, after Danihelka et al. 2017,
 * with Gulrajani et al.'s gradient penalty): a critic D trained to tell held-out images from a
 * checkpoint's samples, minimising
 * <pre>
 *   E D(fake) - E D(real) + gp * E (||grad D(x_hat)|| - 1)^2
 * </pre>
 * whose E D(real) - E D(fake) on images it was not trained on estimates the Wasserstein distance
 * between the data and the model. It does not take part in the model's training.
 *
 * <p>Network (DCGAN's discriminator without batch norm, as WGAN-GP requires): conv 4x4/2 (c),
 * conv 4x4/2 (2c), conv 3x3/2 (4c), each followed by LeakyReLU(0.2), then a linear unit. Updates
 * run on the calling thread inside one GradientCollector; DJL allows one open collector per JVM,
 * so a process trains one critic at a time.
 */
public final class IndependentCritic implements AutoCloseable {
    private static final String NETWORK = "critic";
    private static final int ESTIMATE_BATCH = 500;

    private final NDManager manager;
    private final SequentialBlock network;
    private final AdamOptimizer optimizer;
    private final AdamSettings adam;
    private final float penaltyWeight;
    private long updates;

    private IndependentCritic(NDManager manager, SequentialBlock network, AdamOptimizer optimizer, AdamSettings adam,
            float penaltyWeight, long updates) {
        this.manager = manager;
        this.network = network;
        this.optimizer = optimizer;
        this.adam = adam;
        this.penaltyWeight = penaltyWeight;
        this.updates = updates;
    }

    /** A fresh critic, initialised as torch would from {@code seed}. */
    public static IndependentCritic create(ImageShape shape, int channels, AdamSettings adam, float penaltyWeight,
            long seed) {
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        SequentialBlock network = network(shape, channels, manager);
        TorchInit.initialize(network, RandomStream.of(seed).child(NETWORK));
        return new IndependentCritic(manager, network, new AdamOptimizer(manager), adam, penaltyWeight, 0);
    }

    /** A critic continuing from saved parameters, optimizer state and update count. */
    public static IndependentCritic restore(ImageShape shape, int channels, AdamSettings adam, float penaltyWeight,
            byte[] parameters, byte[] optimizerState, long updates) {
        NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
        try {
            SequentialBlock network = network(shape, channels, manager);
            NetworkParameters.load(network, manager, NETWORK, parameters);
            return new IndependentCritic(manager, network, AdamOptimizer.fromBytes(manager, optimizerState), adam,
                    penaltyWeight, updates);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static SequentialBlock network(ImageShape shape, int channels, NDManager manager) {
        SequentialBlock block = new SequentialBlock()
                .add(Layers.conv(channels, 4, 2, 1)).add(Layers.leakyRelu(0.2f))
                .add(Layers.conv(2 * channels, 4, 2, 1)).add(Layers.leakyRelu(0.2f))
                .add(Layers.conv(4 * channels, 3, 2, 1)).add(Layers.leakyRelu(0.2f))
                .add(Blocks.batchFlattenBlock())
                .add(Layers.linear(1));
        block.setInitializer(Initializer.ZEROS, parameter -> true);
        block.initialize(manager, DataType.FLOAT32, new Shape(1, shape.channels(), shape.height(), shape.width()));
        return block;
    }

    /**
     * One critic update on a batch of real and a batch of fake images (N x C x H x W in [-1, 1]).
     *
     * @param random the update's stream: the penalty's interpolation weights come from it
     * @return the critic's loss before the update
     */
    public float update(NDArray real, NDArray fake, RandomStream random) {
        try (NDScope ignored = new NDScope()) {
            LearnedParameters.zeroGradients(network);
            ParameterStore parameters = new ParameterStore(manager, false);
            float loss;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray realScore = score(parameters, real, true).mean();
                NDArray fakeScore = score(parameters, fake, true).mean();
                long n = real.getShape().get(0);
                NDArray eps = OwnedArrays.of(manager, random.uniform(Math.toIntExact(n), 0, 1), new Shape(n));
                GradientPenalty penalty = GradientPenalty.wganGp(x -> score(parameters, x, true), real, fake, eps,
                        penaltyWeight);
                NDArray total = fakeScore.sub(realScore).add(penalty.value());
                loss = total.getFloat();
                collector.backward(total);
            }
            optimizer.update(NETWORK, network, adam);
            updates++;
            return loss;
        }
    }

    /** E D(real) - E D(fake): the critic's estimate of the Wasserstein distance between the two sets. */
    public double wassersteinEstimate(NDArray real, NDArray fake) {
        return meanScore(real) - meanScore(fake);
    }

    private double meanScore(NDArray images) {
        long n = images.getShape().get(0);
        double sum = 0;
        try (NoGrad ignored = NoGrad.enter(); NDScope scope = new NDScope()) {
            ParameterStore parameters = new ParameterStore(manager, false);
            for (long from = 0; from < n; from += ESTIMATE_BATCH) {
                NDArray batch = images.get(from + ":" + Math.min(n, from + ESTIMATE_BATCH));
                sum += score(parameters, batch, false).sum().getFloat();
            }
        }
        return sum / n;
    }

    private NDArray score(ParameterStore parameters, NDArray images, boolean training) {
        return network.forward(parameters, new NDList(images), training).singletonOrThrow().reshape(-1);
    }

    public long updates() {
        return updates;
    }

    public byte[] parameters() {
        return NetworkParameters.toBytes(network);
    }

    public byte[] optimizerState() {
        return optimizer.toBytes();
    }

    @Override
    public void close() {
        optimizer.close();
        manager.close();
    }
}
