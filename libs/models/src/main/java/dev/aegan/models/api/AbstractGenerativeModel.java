package dev.aegan.models.api;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.nn.NoGrad;
import dev.aegan.models.nn.TorchInit;
import dev.aegan.models.phase.TrainingPhase;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every family's model shares: the manager, the named networks, initialisation and the
 * inference discipline (autograd off, intermediates closed).
 *
 * <p>A family's constructor registers its networks with {@link #addNetwork} inside {@link #build}, which
 * then calls {@code initialize(0)} so that a new model never holds all-zero weights.
 */
public abstract class AbstractGenerativeModel implements GenerativeModel {

    private final String familyName;
    private final ImageShape shape;
    private final int latentDim;
    private final Map<String, Object> hyperparameters;
    private final NDManager manager;
    private final Map<String, Block> networks = new LinkedHashMap<>();
    private List<TrainingPhase> phases = List.of();
    private Network generator;
    private Network encoder;

    /** @param latentDim the size of the codes {@link #sample} takes */
    protected AbstractGenerativeModel(String familyName, ImageShape shape, int latentDim,
            Map<String, Object> hyperparameters, Device device) {
        this.familyName = familyName;
        this.shape = shape;
        this.latentDim = latentDim;
        this.hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
        this.manager = NDManager.newBaseManager(device, "PyTorch");
    }

    /**
     * Registers a network and allocates its parameters for inputs of {@code inputShapes} (one per
     * input the block takes, batch axis included, any size). Values are set by {@link #initialize(long)}.
     */
    protected final <B extends Block> B addNetwork(String name, B block, Shape... inputShapes) {
        if (networks.containsKey(name)) {
            throw new IllegalArgumentException("network " + name + " registered twice");
        }
        block.setInitializer(Initializer.ZEROS, parameter -> true);
        block.initialize(manager, DataType.FLOAT32, inputShapes);
        networks.put(name, block);
        return block;
    }

    /**
     * Runs a family's construction of its networks ({@link #addNetwork} calls; {@code networks} returns
     * what the family keeps of them, e.g. its objectives), then {@code initialize(0)}. If either fails,
     * the model is closed before the failure propagates, so a rejected model holds no native memory.
     */
    protected final <T> T build(Supplier<T> networks) {
        try {
            T built = networks.get();
            initialize(0);
            return built;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public final String familyName() {
        return familyName;
    }

    @Override
    public final ImageShape shape() {
        return shape;
    }

    @Override
    public final int latentDim() {
        return latentDim;
    }

    @Override
    public final Map<String, Object> hyperparameters() {
        return hyperparameters;
    }

    @Override
    public final Map<String, Block> networks() {
        return Collections.unmodifiableMap(networks);
    }

    /** Sets the phases one training step runs; a family's constructor calls it once its networks exist. */
    protected final void trainWith(List<TrainingPhase> phases) {
        this.phases = List.copyOf(phases);
    }

    @Override
    public List<TrainingPhase> phases() {
        return phases;
    }

    @Override
    public final NDManager manager() {
        return manager;
    }

    @Override
    public void initialize(long seed) {
        RandomStream root = RandomStream.of(seed).child("initialize");
        networks.forEach((name, block) -> TorchInit.initialize(block, root.child(name)));
    }

    /**
     * Runs {@code forward} with autograd off and a fresh parameter store, closes every tensor it
     * created except the result, and attaches the result to {@code input}'s manager.
     */
    protected final NDArray infer(NDArray input, Function<InferenceInput, NDArray> forward) {
        NDArray result;
        try (NoGrad ignored = NoGrad.enter(); NDScope scope = new NDScope()) {
            NDArray onDevice = input.getDevice().equals(device()) ? input : input.toDevice(device(), true);
            result = forward.apply(new InferenceInput(onDevice, new ParameterStore(manager, false)));
            NDScope.unregister(result);
        }
        result.attach(input.getManager());
        return result;
    }

    /** The generator run on validated latent codes, in inference mode (see {@link #inferWith}). */
    @Override
    public NDArray sample(NDArray z) {
        requireLatentCodes(z);
        Network generator = required(this.generator, "does not sample from latent codes");
        return infer(z, in -> generator.run(in.parameters(), in.array(), false));
    }

    /** The generator run on the encoder's codes of validated images, in inference mode (see {@link #inferWith}). */
    @Override
    public NDArray reconstruct(NDArray x) {
        requireImages(x);
        Network generator = required(this.generator, "does not decode codes");
        Network encoder = required(this.encoder, "has no encoder to reconstruct with");
        return infer(x, in -> generator.run(in.parameters(), encoder.run(in.parameters(), in.array(), false), false));
    }

    /** The encoder's deterministic codes of validated images, in inference mode (see {@link #inferWith}). */
    @Override
    public NDArray encode(NDArray x, int[] labels) {
        requireImages(x);
        Network encoder = required(this.encoder, "has no encoder");
        return infer(x, in -> encoder.run(in.parameters(), in.array(), false));
    }

    /**
     * The networks {@link #sample(NDArray)} and {@link #reconstruct(NDArray)} run: codes to images, and
     * images to deterministic codes (null for a model without an encoder). A model that samples or
     * reconstructs otherwise overrides those methods instead.
     */
    protected final void inferWith(Network generator, Network encoder) {
        this.generator = generator;
        this.encoder = encoder;
    }

    private Network required(Network network, String otherwise) {
        if (network == null) {
            throw new UnsupportedOperationException("model " + familyName + " " + otherwise);
        }
        return network;
    }

    /** One network applied to one input, e.g. a family's {@code objectives::generate}. */
    @FunctionalInterface
    protected interface Network {
        NDArray run(ParameterStore parameters, NDArray input, boolean training);
    }

    /** The input moved to the model's device, and the parameter store to run blocks with. */
    protected record InferenceInput(NDArray array, ParameterStore parameters) {
    }

    /** @throws IllegalArgumentException unless {@code z} is float32 N x {@link #latentDim()} */
    protected final void requireLatentCodes(NDArray z) {
        requireShape(z, new Shape(latentDim()), "latent codes");
    }

    /** @throws IllegalArgumentException unless {@code x} is float32 N x C x H x W of {@link #shape()} */
    protected final void requireImages(NDArray x) {
        requireShape(x, new Shape(shape.channels(), shape.height(), shape.width()), "images");
    }

    protected final void requireShape(NDArray array, Shape expectedWithoutBatch, String what) {
        Shape actual = array.getShape();
        boolean ok = actual.dimension() == expectedWithoutBatch.dimension() + 1 && actual.get(0) > 0
                && actual.slice(1).equals(expectedWithoutBatch);
        if (!ok || array.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(what + " must be float32 N x " + expectedWithoutBatch
                    + " for model " + familyName + ", got " + array.getDataType() + " " + actual);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
