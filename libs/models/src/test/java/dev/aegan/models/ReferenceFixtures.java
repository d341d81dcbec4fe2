package dev.aegan.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegan.models.core.OwnedArrays;
import dev.aegan.models.nn.NoGrad;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the JSON fixtures that the scripts in {@code libs/models/src/test/python} write: tensors are
 * {@code {"shape": [...], "data": base64 little-endian float32}}, gradients bare base64 strings.
 */
public final class ReferenceFixtures {

    private ReferenceFixtures() {
    }

    public static JsonNode load(String resource) {
        try (InputStream in = ReferenceFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("fixture " + resource + " is missing");
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static float[] floats(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    public static Shape shape(JsonNode tensor) {
        long[] dims = new long[tensor.get("shape").size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = tensor.get("shape").get(i).asLong();
        }
        return new Shape(dims);
    }

    /** A float32 tensor in libtorch's memory. */
    public static NDArray tensor(NDManager manager, JsonNode tensor) {
        return OwnedArrays.of(manager, floats(tensor.get("data").asText()), shape(tensor));
    }

    public static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Copies {@code parameters.get(prefix + path)} into every parameter of {@code block}.
     *
     * @return the keys loaded
     * @throws IllegalStateException if the fixture lacks a parameter or its shape differs
     */
    public static Set<String> loadParameters(Block block, String prefix, JsonNode parameters) {
        Set<String> loaded = new TreeSet<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            String key = prefix + p.getKey();
            JsonNode node = parameters.get(key);
            NDArray array = p.getValue().getArray();
            if (node == null || !shape(node).equals(array.getShape())) {
                throw new IllegalStateException("fixture parameter " + key + (node == null ? " is missing"
                        : " has shape " + shape(node) + ", the network's is " + array.getShape()));
            }
            try (NoGrad ignored = NoGrad.enter()) {
                OwnedArrays.copyInto(array, floats(node.get("data").asText()));
            }
            loaded.add(key);
        }
        return loaded;
    }

    /** sqrt(sum (a - b)^2) / max(sqrt(sum b^2), floor). */
    public static double relativeL2(float[] actual, float[] expected, double floor) {
        if (actual.length != expected.length) {
            throw new IllegalArgumentException(actual.length + " values compared with " + expected.length);
        }
        double difference = 0;
        double size = 0;
        for (int i = 0; i < expected.length; i++) {
            difference += Math.pow(actual[i] - (double) expected[i], 2);
            size += Math.pow(expected[i], 2);
        }
        return Math.sqrt(difference) / Math.max(Math.sqrt(size), floor);
    }
}
