package dev.aegan.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegan.models.phase.AdamSettings;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our Adam against torch.optim.Adam (Debian's torch 1.13, foreach=False): the fixture
 * {@code adam-reference.json} is written by {@code src/test/python/adam_reference.py}.
 *
 * <p>Tolerance: 1e-6 absolute on parameters of magnitude ~1 (a few float32 ulps); on the moments
 * 1e-6 times the largest magnitude in the tensor (single entries can be the result of cancellation). Torch fuses some multiply-adds that we do in two roundings; anything beyond
 * rounding (a missed bias correction, eps in the wrong place) is off by far more.
 */
class AdamOptimizerTest {

    private static final double PARAMETER_TOLERANCE = 1e-6;
    private static final double MOMENT_RELATIVE_TOLERANCE = 1e-6;

    static Stream<JsonNode> cases() throws IOException {
        try (InputStream in = AdamOptimizerTest.class.getResourceAsStream("adam-reference.json")) {
            JsonNode fixture = new ObjectMapper().readTree(in);
            return java.util.stream.StreamSupport.stream(fixture.get("cases").spliterator(), false).toList().stream();
        }
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void matchesTorchAdamStepByStepIncludingAcrossASaveAndLoadOfItsState(JsonNode fixture) {
        AdamSettings settings = new AdamSettings(fixture.get("lr").asDouble(), fixture.get("beta1").asDouble(),
                fixture.get("beta2").asDouble(), fixture.get("eps").asDouble());
        int steps = fixture.get("gradients").size();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            fixture.get("shapes").fields().forEachRemaining(e -> params.put(e.getKey(),
                    manager.create(floats(fixture.get("initial").get(e.getKey())), shapeOf(e.getValue()))));
            AdamOptimizer optimizer = new AdamOptimizer(manager);
            double worst = 0;
            for (int step = 0; step < steps; step++) {
                if (step == steps / 2) {
                    byte[] saved = optimizer.toBytes();
                    optimizer.close();
                    optimizer = AdamOptimizer.fromBytes(manager, saved);
                }
                for (var entry : params.entrySet()) {
                    float[] gradient = floats(fixture.get("gradients").get(step).get(entry.getKey()));
                    try (NDArray g = manager.create(gradient, entry.getValue().getShape())) {
                        optimizer.update(entry.getKey(), entry.getValue(), g, settings);
                    }
                    float[] expected = floats(fixture.get("parameters").get(step).get(entry.getKey()));
                    float[] actual = entry.getValue().toFloatArray();
                    for (int i = 0; i < expected.length; i++) {
                        double diff = Math.abs(expected[i] - actual[i]);
                        worst = Math.max(worst, diff);
                        assertTrue(diff <= PARAMETER_TOLERANCE, fixture.get("name").asText() + " step " + (step + 1) + " "
                                + entry.getKey() + "[" + i + "]: torch " + expected[i] + ", ours " + actual[i]);
                    }
                }
            }
            for (String key : params.keySet()) {
                assertEquals(fixture.get("step").get(key).asLong(), optimizer.stepCount(key));
                assertClose(floats(fixture.get("exp_avg").get(key)), optimizer.firstMoment(key), key + " exp_avg");
                assertClose(floats(fixture.get("exp_avg_sq").get(key)), optimizer.secondMoment(key), key + " exp_avg_sq");
            }
            System.out.printf("Adam %s: largest parameter difference to torch %.3g%n", fixture.get("name").asText(), worst);
            optimizer.close();
        }
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= MOMENT_RELATIVE_TOLERANCE * scale,
                    what + "[" + i + "]: torch " + expected[i] + ", ours " + actual[i]);
        }
    }

    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) array.get(i).asDouble();
        }
        return values;
    }

    private static Shape shapeOf(JsonNode dims) {
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).asLong();
        }
        return new Shape(shape);
    }
}
