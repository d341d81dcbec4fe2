package dev.aegan.models.checkpoint;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.aegan.models.nn.LearnedParameters;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** One network's parameters as bytes (DJL's parameter format) and back, safely. */
public final class NetworkParameters {

    private NetworkParameters() {
    }

    public static byte[] toBytes(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Replaces the parameters of an initialised {@code block} with those in {@code bytes}; every one
     * must keep its shape and type. The loaded values live in libtorch's memory and the learned
     * ones require a gradient again.
     *
     * @param name the network's name, for error messages
     * @throws InvalidSnapshotException when the bytes do not hold this network's parameters
     */
    public static void load(Block block, NDManager manager, String name, byte[] bytes) {
        List<Pair<String, Parameter>> parameters = new ArrayList<>();
        block.getParameters().forEach(parameters::add);
        Map<Parameter, NDArray> previous = new IdentityHashMap<>();
        parameters.forEach(p -> previous.put(p.getValue(), p.getValue().getArray()));
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new InvalidSnapshotException("parameters of network " + name + " do not load: " + e.getMessage(), e);
        }
        for (Pair<String, Parameter> p : parameters) {
            NDArray old = previous.get(p.getValue());
            NDArray loaded = p.getValue().getArray();
            if (!loaded.getShape().equals(old.getShape()) || loaded.getDataType() != old.getDataType()) {
                throw new InvalidSnapshotException("parameter " + name + "/" + p.getKey() + " in the checkpoint is "
                        + loaded.getDataType() + " " + loaded.getShape() + ", the model needs " + old.getDataType() + " "
                        + old.getShape());
            }
            if (old != loaded) {
                old.close();
            }
            // Parameter.load wraps a Java buffer (from_blob); move the values into libtorch's memory.
            loaded.intern(loaded.duplicate());
        }
        // DJL's Parameter.load replaces the array without marking it as requiring a gradient.
        LearnedParameters.freeze(block, false);
    }
}
