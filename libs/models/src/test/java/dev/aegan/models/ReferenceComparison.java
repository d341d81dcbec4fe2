package dev.aegan.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.nn.LearnedParameters;
import dev.aegan.models.phase.PhaseLoss;
import dev.aegan.models.registry.ModelRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compares a model's losses and the gradients they send to each network with a fixture written by
 * one of the reference scripts (see {@code fixtures.py}): per phase {@code losses} (loss and
 * metrics), {@code gradientNorms} (every parameter) and {@code gradients} (every parameter of the
 * networks the phase updates, in full).
 *
 * <p>Errors: losses and metrics relative to max(|reference|, 1); a gradient tensor of an updated
 * network by its relative L2 error, relative to its own norm or, for a tensor whose gradient is
 * tiny, to 1% of its network's; every other network's gradient by its norm, on the same scale. The
 * worst error of each kind is kept for the report.
 */
public final class ReferenceComparison {

    /**
     * One case of a fixture ({@code fixture}, named {@code name}) with the model it describes built on
     * the CPU and the fixture's parameters loaded; {@code manager} holds the case's inputs.
     */
    public record Case<M extends GenerativeModel>(String name, JsonNode fixture, Map<String, Object> hyperparameters,
            M model, NDManager manager) {

        /** The case's input tensor {@code inputs.<key>}. */
        public NDArray input(String key) {
            return ReferenceFixtures.tensor(manager, fixture.get("inputs").get(key));
        }

        /** The images' labels of a conditional case, {@code labels}; null where the case has none. */
        public int[] labels() {
            JsonNode labels = fixture.get("labels");
            return labels == null || labels.isNull() ? null : new ObjectMapper().convertValue(labels, int[].class);
        }
    }

    private final double lossTolerance;
    private final double gradientTolerance;
    private final Map<String, Double> worst = new LinkedHashMap<>();

    public ReferenceComparison(double lossTolerance, double gradientTolerance) {
        this.lossTolerance = lossTolerance;
        this.gradientTolerance = gradientTolerance;
    }

    /**
     * Runs {@code check} on each case of the fixture {@code resource}, which must hold
     * {@code expectedCases}, with the model of the family the case names.
     */
    public <M extends GenerativeModel> void forEachCase(String resource, int expectedCases, Class<M> modelType,
            Consumer<Case<M>> check) {
        forEachCase(resource, expectedCases, testCase -> testCase.get("family").asText(), modelType, check);
    }

    /** {@link #forEachCase(String, int, Class, Consumer)} for a fixture whose cases are all of {@code family}. */
    public <M extends GenerativeModel> void forEachCase(String resource, int expectedCases, String family,
            Class<M> modelType, Consumer<Case<M>> check) {
        forEachCase(resource, expectedCases, testCase -> family, modelType, check);
    }

    private <M extends GenerativeModel> void forEachCase(String resource, int expectedCases,
            Function<JsonNode, String> familyOf, Class<M> modelType, Consumer<Case<M>> check) {
        JsonNode fixture = ReferenceFixtures.load(resource);
        assertEquals(expectedCases, fixture.get("cases").size());
        for (JsonNode testCase : fixture.get("cases")) {
            String name = testCase.get("name").asText();
            JsonNode shapeNode = testCase.get("shape");
            ImageShape shape = new ImageShape(shapeNode.get(0).asInt(), shapeNode.get(1).asInt(),
                    shapeNode.get(2).asInt());
            Map<String, Object> hyperparameters = new ObjectMapper().convertValue(testCase.get("hyperparameters"),
                    Map.class);
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                    GenerativeModel model = ModelRegistry.family(familyOf.apply(testCase)).create(shape,
                            hyperparameters, Device.cpu())) {
                loadParameters(model, testCase.get("parameters"), name);
                check.accept(new Case<>(name, testCase, hyperparameters, modelType.cast(model), manager));
            }
        }
    }

    /** Copies every parameter {@code <network>/<path>} of the fixture into the model. */
    private static void loadParameters(GenerativeModel model, JsonNode parameters, String what) {
        Set<String> loaded = new TreeSet<>();
        model.networks().forEach((network, block) ->
                loaded.addAll(ReferenceFixtures.loadParameters(block, network + "/", parameters)));
        assertEquals(ReferenceFixtures.fieldNames(parameters), loaded, what + ": parameter names");
    }

    /**
     * Evaluates {@code loss} with every network recording gradients and checks its values and the
     * gradients against {@code testCase}'s entries for {@code phase}, whose networks {@code updated}
     * are compared element by element; failures name the case and the phase.
     */
    public void check(Case<?> testCase, String phase, List<String> updated, Function<ParameterStore, PhaseLoss> loss) {
        GenerativeModel model = testCase.model();
        JsonNode fixture = testCase.fixture();
        String what = testCase.name() + " " + phase.replace('_', ' ');
        model.networks().values().forEach(LearnedParameters::zeroGradients);
        JsonNode expected = fixture.get("losses").get(phase);
        try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
            PhaseLoss result = loss.apply(new ParameterStore(model.manager(), false));
            Map<String, NDArray> values = new LinkedHashMap<>(result.metrics());
            values.put("loss", result.loss());
            assertEquals(ReferenceFixtures.fieldNames(expected), new TreeSet<>(values.keySet()), what + " reported values");
            values.forEach((key, value) -> {
                double reference = expected.get(key).asDouble();
                double error = Math.abs(value.getFloat() - reference) / Math.max(1, Math.abs(reference));
                record("loss/metric relative error", error);
                assertTrue(error <= lossTolerance, what + " " + key + ": " + value.getFloat() + " vs reference " + reference);
            });
            collector.backward(result.loss());
        }
        Map<String, float[]> actual = new LinkedHashMap<>();
        model.networks().forEach((network, block) -> {
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    try (NDArray gradient = p.getValue().getArray().getGradient()) {
                        actual.put(network + "/" + p.getKey(), gradient.toFloatArray());
                    }
                }
            }
        });
        checkGradients(updated, actual, fixture.get("gradients").get(phase), fixture.get("gradientNorms").get(phase),
                what);
    }

    private void checkGradients(List<String> updated, Map<String, float[]> actual, JsonNode full, JsonNode norms,
            String what) {
        assertEquals(ReferenceFixtures.fieldNames(norms), new TreeSet<>(actual.keySet()), what + " gradient keys");
        Map<String, Double> networkNorms = new LinkedHashMap<>();
        for (String key : ReferenceFixtures.fieldNames(norms)) {
            networkNorms.merge(network(key), Math.pow(norms.get(key).asDouble(), 2), Double::sum);
        }
        networkNorms.replaceAll((network, squared) -> Math.sqrt(squared));
        Set<String> fullKeys = ReferenceFixtures.fieldNames(full);
        assertTrue(fullKeys.stream().allMatch(key -> updated.contains(network(key))),
                what + ": the fixture's full gradients are of the networks " + updated + " only");
        for (String network : updated) {
            assertTrue(networkNorms.getOrDefault(network, 0.0) > 0, what + ": no gradient reaches " + network);
        }
        for (String key : ReferenceFixtures.fieldNames(norms)) {
            double floor = 1e-2 * networkNorms.get(network(key));
            if (updated.contains(network(key))) {
                assertTrue(fullKeys.contains(key), what + ": the fixture lacks the full gradient of " + key);
                double error = ReferenceFixtures.relativeL2(actual.get(key),
                        ReferenceFixtures.floats(full.get(key).asText()), floor);
                record("gradient relative L2 error (updated networks)", error);
                assertTrue(error <= gradientTolerance, what + " gradient of " + key + ": relative error " + error);
            } else {
                double reference = norms.get(key).asDouble();
                double mine = norm(actual.get(key));
                double scale = Math.max(reference, floor);
                double error = scale == 0 ? mine : Math.abs(mine - reference) / scale;
                record("gradient norm relative error (other networks)", error);
                assertTrue(error <= gradientTolerance, what + " gradient norm of " + key + ": " + mine + " vs " + reference);
            }
        }
    }

    /**
     * Compares {@code actual} with the case's tensor {@code output} (e.g. samples or reconstructions
     * in inference mode) by the largest absolute difference.
     */
    public void assertOutput(Case<?> testCase, String output, NDArray actual, double tolerance) {
        assertClose(ReferenceFixtures.floats(testCase.fixture().get(output).get("data").asText()),
                actual.toFloatArray(), tolerance, testCase.name() + " " + output);
    }

    private void assertClose(float[] expected, float[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " size");
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        record("inference absolute error", max);
        assertTrue(max <= tolerance, what + ": max abs error " + max);
    }

    /** Prints the worst error of each kind. */
    public void report(String title) {
        worst.forEach((what, value) -> System.out.printf("%s vs PyTorch reference: worst %s %.3g%n", title, what, value));
    }

    private void record(String what, double value) {
        worst.merge(what, value, Math::max);
    }

    private static String network(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    private static double norm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }
}
