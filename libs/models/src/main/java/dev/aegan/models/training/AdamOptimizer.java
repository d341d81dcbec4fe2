package dev.aegan.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.aegan.models.nn.NoGrad;
import dev.aegan.models.nn.Scalars;
import dev.aegan.models.phase.AdamSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeMap;

/**
 * Adam with the state in our hands, so a checkpoint can carry it and training resumes exactly.
 *
 * <p>Follows torch.optim.Adam (torch 1.13 single-tensor path, foreach=False):
 * <pre>
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g * g
 *   denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 *   p = p - lr / (1 - beta1^t) * m / denom
 * </pre>
 * with t counted per parameter, as torch does (a parameter without a gradient is skipped and its
 * t does not advance). The bias corrections are computed in double and the element-wise work in
 * float32, as torch does; results agree with torch to float rounding (fused multiply-adds), which
 * {@code AdamOptimizerTest} pins against a fixture made by Debian's torch.
 *
 * <p>State tensors live in a sub-manager of the manager given at construction (the model's),
 * keyed by {@code <network>/<parameter path>}.
 */
public final class AdamOptimizer implements AutoCloseable {

    private static final int MAGIC = 0x41444D31; // "ADM1"
    private static final int FORMAT_VERSION = 1;

    private final NDManager stateManager;
    private final TreeMap<String, State> states = new TreeMap<>();

    public AdamOptimizer(NDManager parent) {
        this.stateManager = parent.newSubManager();
    }

    /** Updates every parameter of {@code block} that requires a gradient and has one. */
    public void update(String network, Block block, AdamSettings settings) {
        try (NoGrad ignored = NoGrad.enter(); NDScope scope = new NDScope()) {
            for (Pair<String, Parameter> entry : block.getParameters()) {
                if (!entry.getValue().requiresGradient()) {
                    continue;
                }
                NDArray array = entry.getValue().getArray();
                NDArray gradient = array.getGradient();
                if (gradient != null) {
                    update(network + "/" + entry.getKey(), array, gradient, settings);
                }
            }
        }
    }

    /** One Adam step of {@code parameter} (in place) with {@code gradient}. */
    public void update(String key, NDArray parameter, NDArray gradient, AdamSettings settings) {
        if (!parameter.getShape().equals(gradient.getShape())) {
            throw new IllegalArgumentException("gradient of " + key + " has shape " + gradient.getShape()
                    + ", parameter has " + parameter.getShape());
        }
        try (NoGrad ignored = NoGrad.enter(); NDScope scope = new NDScope()) {
            State state = states.get(key);
            if (state == null) {
                state = new State(0, stateManager.zeros(parameter.getShape(), parameter.getDataType()),
                        stateManager.zeros(parameter.getShape(), parameter.getDataType()));
                NDScope.unregister(state.mean, state.variance);
                states.put(key, state);
            } else if (!state.mean.getShape().equals(parameter.getShape())) {
                throw new IllegalStateException("optimizer state for " + key + " has shape " + state.mean.getShape()
                        + ", parameter has " + parameter.getShape());
            }
            state.step++;
            double beta1 = settings.beta1();
            double beta2 = settings.beta2();
            double biasCorrection1 = 1 - Math.pow(beta1, state.step);
            double biasCorrection2 = 1 - Math.pow(beta2, state.step);
            double stepSize = settings.learningRate() / biasCorrection1;
            // Constants as device tensors: Number arguments would each be copied from the host.
            NDArray b1 = Scalars.constant(parameter, (float) beta1);
            NDArray oneMinusB1 = Scalars.constant(parameter, (float) (1 - beta1));
            NDArray b2 = Scalars.constant(parameter, (float) beta2);
            NDArray oneMinusB2 = Scalars.constant(parameter, (float) (1 - beta2));
            NDArray sqrtBiasCorrection2 = Scalars.constant(parameter, (float) Math.sqrt(biasCorrection2));
            NDArray epsilon = Scalars.constant(parameter, (float) settings.epsilon());
            NDArray step = Scalars.constant(parameter, (float) stepSize);

            state.mean.muli(b1).addi(gradient.mul(oneMinusB1));
            state.variance.muli(b2).addi(gradient.mul(gradient).muli(oneMinusB2));
            NDArray denominator = state.variance.sqrt().divi(sqrtBiasCorrection2).addi(epsilon);
            parameter.subi(state.mean.div(denominator).muli(step));
        }
    }

    public Set<String> keys() {
        return Collections.unmodifiableSet(states.keySet());
    }

    /** Adam steps taken for this parameter (torch's {@code state["step"]}); 0 if never updated. */
    public long stepCount(String key) {
        State state = states.get(key);
        return state == null ? 0 : state.step;
    }

    /** A copy of the first moment (torch's {@code exp_avg}). */
    public float[] firstMoment(String key) {
        return require(key).mean.toFloatArray();
    }

    /** A copy of the second moment (torch's {@code exp_avg_sq}). */
    public float[] secondMoment(String key) {
        return require(key).variance.toFloatArray();
    }

    private State require(String key) {
        State state = states.get(key);
        if (state == null) {
            throw new IllegalArgumentException("no optimizer state for " + key + "; known: " + states.keySet());
        }
        return state;
    }

    /** The whole state: per parameter its key, step count, first and second moments (exact bits). */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(FORMAT_VERSION);
            out.writeInt(states.size());
            for (var entry : states.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeLong(entry.getValue().step);
                writeArray(out, entry.getValue().mean);
                writeArray(out, entry.getValue().variance);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * An optimizer holding the state written by {@link #toBytes()}, its tensors under
     * {@code parent} (the model's manager, so they land on the model's device).
     */
    public static AdamOptimizer fromBytes(NDManager parent, byte[] serialized) {
        AdamOptimizer optimizer = new AdamOptimizer(parent);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            if (in.readInt() != MAGIC) {
                throw new IllegalArgumentException("not an optimizer state: wrong magic number");
            }
            int version = in.readInt();
            if (version != FORMAT_VERSION) {
                throw new IllegalArgumentException("optimizer state format " + version + " is not supported (expected "
                        + FORMAT_VERSION + ")");
            }
            int count = in.readInt();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                long step = in.readLong();
                NDArray mean = readArray(in, optimizer.stateManager);
                NDArray variance = readArray(in, optimizer.stateManager);
                NDScope.unregister(mean, variance);
                optimizer.states.put(key, new State(step, mean, variance));
            }
        } catch (IOException | RuntimeException e) {
            optimizer.close();
            throw e instanceof IOException io ? new IllegalArgumentException("corrupt optimizer state", io)
                    : (RuntimeException) e;
        }
        return optimizer;
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        byte[] encoded = array.encode();
        out.writeInt(encoded.length);
        out.write(encoded);
    }

    private static NDArray readArray(DataInputStream in, NDManager manager) throws IOException {
        byte[] encoded = new byte[in.readInt()];
        in.readFully(encoded);
        // decode wraps a Java buffer; a copy in libtorch's memory cannot outlive its storage.
        try (NDArray decoded = manager.decode(encoded)) {
            return decoded.duplicate();
        }
    }

    @Override
    public void close() {
        states.clear();
        stateManager.close();
    }

    private static final class State {
        private long step;
        private final NDArray mean;
        private final NDArray variance;

        private State(long step, NDArray mean, NDArray variance) {
            this.step = step;
            this.mean = mean;
            this.variance = variance;
        }
    }
}
