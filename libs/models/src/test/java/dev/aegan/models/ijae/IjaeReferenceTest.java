package dev.aegan.models.ijae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.OwnedArrays;
import dev.aegan.models.nn.NoGrad;
import dev.aegan.models.phase.PhaseLoss;
import dev.aegan.models.registry.ModelRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every loss of lambda-IJAE and its ablations, and the gradient it sends to every network, against
 * an independent PyTorch implementation ({@code libs/models/src/test/python/ijae_reference.py}, float64)
 * on the same weights, inputs and random draws: four cases covering 3x32x32, 1x28x28 (padded to 32)
 * and 3x20x24 (padded unevenly to 32x32), the implicit model and both ablations.
 *
 * <p>Tolerances (Java computes in float32, the reference is exact to float32's needs):
 * <ul>
 *   <li>losses and reported logits: relative error 1e-5 (of max(|ref|, 1); measured worst 7e-8);</li>
 *   <li>the gradient of each phase's loss with respect to the network that phase updates, compared
 *       element by element: L2 error 3e-4 per parameter tensor, relative to the tensor's gradient
 *       norm or, for a tensor whose gradient is tiny, to 1% of the network's. Measured worst: 4.9e-5,
 *       on the bias of a discriminator's first conv2, whose gradient sums real and fake terms of
 *       opposite sign over every position; PyTorch's own float32 differs from float64 there by
 *       5.0e-5. A wrong term or a wrong sign gives errors of order 1;</li>
 *   <li>the norm of the gradient each loss sends to every other network (what the training loop
 *       freezes): the same 3e-4 per parameter tensor (measured worst 3.2e-6);</li>
 *   <li>samples and reconstructions G(E(x, xi)) in inference mode (batch norm on the running statistics):
 *       absolute 1e-5 (measured worst 1.8e-7).</li>
 * </ul>
 * The worst errors are printed after the run.
 */
class IjaeReferenceTest {

    private static final double LOSS_TOLERANCE = 1e-5;
    private static final double GRADIENT_TOLERANCE = 3e-4;
    private static final double IMAGE_TOLERANCE = 1e-5;

    private static final Map<String, Double> WORST = new LinkedHashMap<>();

    @Test
    void lossesGradientsAndInferenceMatchTheIndependentReference() throws IOException {
        JsonNode fixture;
        try (InputStream in = IjaeReferenceTest.class.getResourceAsStream("/fixtures/ijae-reference.json")) {
            fixture = new ObjectMapper().readTree(in);
        }
        assertEquals(4, fixture.get("cases").size());
        for (JsonNode testCase : fixture.get("cases")) {
            check(testCase);
        }
    }

    @AfterAll
    static void report() {
        WORST.forEach((what, value) -> System.out.printf("lambda-IJAE vs PyTorch reference: worst %s %.3g%n", what, value));
    }

    private static void check(JsonNode testCase) {
        String name = testCase.get("name").asText();
        JsonNode shapeNode = testCase.get("shape");
        ImageShape shape = new ImageShape(shapeNode.get(0).asInt(), shapeNode.get(1).asInt(), shapeNode.get(2).asInt());
        Map<String, Object> hyperparameters = new ObjectMapper().convertValue(testCase.get("hyperparameters"), Map.class);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                GenerativeModel created = ModelRegistry.family(testCase.get("family").asText())
                        .create(shape, hyperparameters, Device.cpu())) {
            IjaeModel model = (IjaeModel) created;
            loadParameters(model, testCase.get("parameters"), name);

            NDArray x = tensor(manager, testCase.get("inputs").get("x"));
            NDArray zPrior = tensor(manager, testCase.get("inputs").get("zPrior"));
            NDArray xi = tensor(manager, testCase.get("inputs").get("xi"));
            NDArray rPrimeNoise = tensor(manager, testCase.get("inputs").get("rPrimeNoise"));
            List<CyclicShift.Shift> shifts = new ArrayList<>();
            for (JsonNode s : testCase.get("shifts")) {
                shifts.add(new CyclicShift.Shift(CyclicShift.Direction.valueOf(s.get("direction").asText()),
                        s.get("size").asInt()));
            }

            // Inference before any training-mode pass updates the batch-norm running statistics.
            assertClose(floats(testCase.get("samples")), model.sample(zPrior).toFloatArray(), name + " samples");
            assertClose(floats(testCase.get("reconstructions")), model.sample(model.encode(x, xi)).toFloatArray(),
                    name + " reconstructions G(E(x, xi))");

            IjaeObjectives objectives = model.objectives();
            Map<String, Function<ParameterStore, PhaseLoss>> losses = new LinkedHashMap<>();
            losses.put(IjaeModel.D_PSI, ps -> objectives.imageDiscriminator(ps, x, zPrior));
            if (model.networks().containsKey(IjaeModel.D_TAU)) {
                losses.put(IjaeModel.D_TAU, ps -> objectives.pairDiscriminator(ps, x, xi, shifts, rPrimeNoise));
            }
            losses.put(IjaeModel.D_ZETA, ps -> objectives.codeDiscriminator(ps, x, xi, zPrior));
            losses.put(IjaeModel.GENERATOR, ps -> objectives.generator(ps, x, xi, zPrior));
            losses.put(IjaeModel.ENCODER, ps -> objectives.encoder(ps, x, xi));
            assertEquals(new TreeSet<>(losses.keySet()), fieldNames(testCase.get("losses")), name + " phases");

            for (Map.Entry<String, Function<ParameterStore, PhaseLoss>> entry : losses.entrySet()) {
                String phase = entry.getKey();
                Map<String, float[]> gradients = lossAndGradients(model, entry.getValue(),
                        testCase.get("losses").get(phase), name + " " + phase);
                checkGradients(model, phase, gradients, testCase.get("gradients").get(phase),
                        testCase.get("gradientNorms").get(phase), name + " " + phase);
            }
        }
    }

    /** Evaluates one loss with every network recording gradients, checks its values, returns all gradients. */
    private static Map<String, float[]> lossAndGradients(IjaeModel model, Function<ParameterStore, PhaseLoss> loss,
            JsonNode expected, String what) {
        for (Block block : model.networks().values()) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    JniUtils.zeroGrad((PtNDArray) p.getValue().getArray());
                }
            }
        }
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            PhaseLoss result = loss.apply(new ParameterStore(model.manager(), false));
            Map<String, NDArray> values = new LinkedHashMap<>(result.metrics());
            values.put("loss", result.loss());
            assertEquals(fieldNames(expected), new TreeSet<>(values.keySet()), what + " reported values");
            values.forEach((key, value) -> {
                double reference = expected.get(key).asDouble();
                double error = Math.abs(value.getFloat() - reference) / Math.max(1, Math.abs(reference));
                worst("loss/metric relative error", error);
                assertTrue(error <= LOSS_TOLERANCE, what + " " + key + ": " + value.getFloat() + " vs reference " + reference);
            });
            collector.backward(result.loss());
        }
        Map<String, float[]> gradients = new LinkedHashMap<>();
        model.networks().forEach((network, block) -> {
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    try (NDArray gradient = p.getValue().getArray().getGradient()) {
                        gradients.put(network + "/" + p.getKey(), gradient.toFloatArray());
                    }
                }
            }
        });
        return gradients;
    }

    private static void checkGradients(IjaeModel model, String phase, Map<String, float[]> actual, JsonNode full,
            JsonNode norms, String what) {
        assertEquals(fieldNames(norms), new TreeSet<>(actual.keySet()), what + " gradient keys");
        // The phase's own network: every element.
        double networkNorm = 0;
        for (String key : fieldNames(full)) {
            networkNorm += Math.pow(norms.get(key).asDouble(), 2);
        }
        networkNorm = Math.sqrt(networkNorm);
        assertTrue(networkNorm > 0, what + ": no gradient reaches the network the phase updates");
        assertTrue(fieldNames(full).stream().allMatch(k -> k.startsWith(phase + "/")), what + " updates " + phase);
        for (String key : fieldNames(full)) {
            float[] reference = decode(full.get(key).asText());
            float[] mine = actual.get(key);
            double difference = 0;
            double size = 0;
            for (int i = 0; i < reference.length; i++) {
                difference += Math.pow(mine[i] - (double) reference[i], 2);
                size += Math.pow(reference[i], 2);
            }
            double error = Math.sqrt(difference) / Math.max(Math.sqrt(size), 1e-2 * networkNorm);
            worst("gradient relative L2 error (updated network)", error);
            assertTrue(error <= GRADIENT_TOLERANCE, what + " gradient of " + key + ": relative error " + error);
        }
        // Every other network: the norm of what reaches it (zero where the loss does not depend on it).
        Map<String, Double> totals = new LinkedHashMap<>();
        for (String key : fieldNames(norms)) {
            String network = key.substring(0, key.indexOf('/'));
            totals.merge(network, Math.pow(norms.get(key).asDouble(), 2), Double::sum);
        }
        for (String key : fieldNames(norms)) {
            if (full.has(key)) {
                continue;
            }
            double reference = norms.get(key).asDouble();
            double mine = norm(actual.get(key));
            double scale = Math.max(reference, 1e-2 * Math.sqrt(totals.get(key.substring(0, key.indexOf('/')))));
            double error = scale == 0 ? mine : Math.abs(mine - reference) / scale;
            worst("gradient norm relative error (other networks)", error);
            assertTrue(error <= GRADIENT_TOLERANCE, what + " gradient norm of " + key + ": " + mine + " vs " + reference);
        }
    }

    private static void loadParameters(IjaeModel model, JsonNode parameters, String what) {
        Set<String> loaded = new HashSet<>();
        model.networks().forEach((network, block) -> {
            for (Pair<String, Parameter> p : block.getParameters()) {
                String key = network + "/" + p.getKey();
                JsonNode node = parameters.get(key);
                assertTrue(node != null, what + ": the reference has no parameter " + key);
                NDArray array = p.getValue().getArray();
                assertEquals(array.getShape(), shapeOf(node), what + " shape of " + key);
                try (NoGrad ignored = NoGrad.enter()) {
                    OwnedArrays.copyInto(array, decode(node.get("data").asText()));
                }
                loaded.add(key);
            }
        });
        assertEquals(fieldNames(parameters), new TreeSet<>(loaded), what + ": parameter names");
    }

    private static NDArray tensor(NDManager manager, JsonNode node) {
        return OwnedArrays.of(manager, decode(node.get("data").asText()), shapeOf(node));
    }

    private static float[] floats(JsonNode node) {
        return decode(node.get("data").asText());
    }

    private static Shape shapeOf(JsonNode node) {
        long[] dims = new long[node.get("shape").size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = node.get("shape").get(i).asLong();
        }
        return new Shape(dims);
    }

    private static float[] decode(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " size");
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        worst("inference absolute error", max);
        assertTrue(max <= IMAGE_TOLERANCE, what + ": max abs error " + max);
    }

    private static double norm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void worst(String what, double value) {
        WORST.merge(what, value, Math::max);
    }
}
