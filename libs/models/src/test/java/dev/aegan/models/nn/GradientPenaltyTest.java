package dev.aegan.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.models.ReferenceFixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The WGAN-GP penalty and the second-order gradient it sends to the critic's parameters through
 * {@link InputGradients}.
 */
class GradientPenaltyTest {

    /**
     * A closed form: for y_n = sum_j w_j x_nj^2, grad_x = 2 w x, and the loss sum (2 w x)^2 has
     * d/dw_j = 8 w_j sum_n x_nj^2. Exact in float64.
     */
    @Test
    void theInputGradientIsDifferentiableWithRespectToTheParametersThatMadeIt() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray w = manager.create(new double[] {0.5, -2.0, 3.0});
            w.setRequiresGradient(true);
            NDArray values = manager.create(new double[] {1, 2, 3, -1, 0.5, 2}, new Shape(2, 3));
            double[] gradient;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray x = InputGradients.differentiableInput(values);
                NDArray g = InputGradients.of(x.square().mul(w).sum(new int[] {1}), x);
                gradient = g.toDoubleArray();
                collector.backward(g.square().sum());
            }
            assertEquals(DataType.FLOAT64, w.getGradient().getDataType());
            assertArrayEquals(new double[] {1, -8, 18, -1, -2, 12}, gradient, 1e-12);
            assertArrayEquals(new double[] {8, -68, 312}, w.getGradient().toDoubleArray(), 1e-12);
        }
    }

    /**
     * The gradient of the penalty with respect to every parameter of a float64 critic (conv, tanh,
     * linear: smooth, so central differences apply) against central differences with h = 1e-5.
     * Tolerance: 1e-7 of the largest gradient component, per component (truncation O(h^2) ~ 1e-10,
     * rounding ~ 1e-16 / h); a missing second-order path gives errors of order 1.
     */
    @Test
    void thePenaltysParameterGradientEqualsCentralDifferencesInFloat64() {
        double h = 1e-5;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Block critic = new SequentialBlock()
                    .add(Layers.conv(3, 3, 1, 1))
                    .add(Activation.tanhBlock())
                    .add(Blocks.batchFlattenBlock())
                    .add(Layers.linear(1));
            // DJL's default initialisers draw float32 whatever the type asked for; zeros honour it.
            critic.setInitializer(Initializer.ZEROS, parameter -> true);
            critic.initialize(manager, DataType.FLOAT64, new Shape(2, 1, 4, 4));
            SplittableRandom random = new SplittableRandom(3);
            Map<String, double[]> parameters = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : critic.getParameters()) {
                assertEquals(DataType.FLOAT64, p.getValue().getArray().getDataType(), p.getKey());
                double[] values = random.doubles(p.getValue().getArray().size(), -0.6, 0.6).toArray();
                parameters.put(p.getKey(), values);
                set(p.getValue().getArray(), values);
            }
            NDArray real = manager.create(random.doubles(32, -1, 1).toArray(), new Shape(2, 1, 4, 4));
            NDArray fake = manager.create(random.doubles(32, -1, 1).toArray(), new Shape(2, 1, 4, 4));
            NDArray eps = manager.create(new double[] {0.3, 0.8});
            UnaryOperator<NDArray> d = x -> critic.forward(new ParameterStore(manager, false), new NDList(x), true)
                    .singletonOrThrow();

            Map<String, double[]> analytic = new LinkedHashMap<>();
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                collector.backward(GradientPenalty.wganGp(d, real, fake, eps, 10f).value());
            }
            double largest = 0;
            for (Pair<String, Parameter> p : critic.getParameters()) {
                // The last bias does not change grad_x D: libtorch leaves its gradient undefined and DJL
                // answers float32 zeros.
                double[] g = p.getValue().getArray().getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
                analytic.put(p.getKey(), g);
                for (double v : g) {
                    largest = Math.max(largest, Math.abs(v));
                }
            }
            assertTrue(largest > 0.1, "the penalty sends a gradient to the critic: " + largest);

            double worst = 0;
            int checked = 0;
            for (Pair<String, Parameter> p : critic.getParameters()) {
                double[] values = parameters.get(p.getKey());
                NDArray array = p.getValue().getArray();
                for (int i = 0; i < values.length; i++) {
                    double original = values[i];
                    values[i] = original + h;
                    set(array, values);
                    double plus = penalty(d, real, fake, eps);
                    values[i] = original - h;
                    set(array, values);
                    double minus = penalty(d, real, fake, eps);
                    values[i] = original;
                    set(array, values);
                    double error = Math.abs((plus - minus) / (2 * h) - analytic.get(p.getKey())[i]) / largest;
                    worst = Math.max(worst, error);
                    assertTrue(error <= 1e-7, p.getKey() + "[" + i + "]: relative error " + error);
                    checked++;
                }
            }
            assertEquals(3 * 9 + 3 + 48 + 1, checked);
            System.out.printf("gradient penalty vs central differences (float64): worst relative error %.3g%n", worst);
        }
    }

    /**
     * The penalty and its gradient with respect to each critic parameter against
     * {@code gradient_penalty_reference.py} (torch.autograd.grad with create_graph, float64). Java
     * computes in float32. Tolerances: penalty and mean norm relative 1e-5; gradients relative L2
     * 1e-5 per tensor (of its norm, or of 1% of the critic's for a tensor whose gradient is near 0).
     */
    @Test
    void thePenaltyAndItsGradientsMatchPyTorch() {
        JsonNode fixture = ReferenceFixtures.load("/fixtures/gradient-penalty-reference.json");
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            Block critic = new SequentialBlock()
                    .add(Layers.conv(4, 3, 1, 1))
                    .add(Layers.leakyRelu(0.2f))
                    .add(Layers.conv(4, 3, 2, 1))
                    .add(Activation.tanhBlock())
                    .add(Blocks.batchFlattenBlock())
                    .add(Layers.linear(1));
            NDArray real = ReferenceFixtures.tensor(manager, fixture.get("inputs").get("real"));
            NDArray fake = ReferenceFixtures.tensor(manager, fixture.get("inputs").get("fake"));
            NDArray eps = ReferenceFixtures.tensor(manager, fixture.get("inputs").get("eps"));
            critic.initialize(manager, DataType.FLOAT32, real.getShape());
            assertEquals(ReferenceFixtures.fieldNames(fixture.get("parameters")),
                    ReferenceFixtures.loadParameters(critic, "", fixture.get("parameters")));

            float penalty;
            float norm;
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                GradientPenalty result = GradientPenalty.wganGp(
                        x -> critic.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow(),
                        real, fake, eps, (float) fixture.get("weight").asDouble());
                penalty = result.value().getFloat();
                norm = result.gradientNorm().getFloat();
                collector.backward(result.value());
            }
            assertRelative(fixture.get("penalty").asDouble(), penalty, 1e-5, "penalty");
            assertRelative(fixture.get("gradientNorm").asDouble(), norm, 1e-5, "mean gradient norm");

            List<float[]> expected = new ArrayList<>();
            double total = 0;
            for (Pair<String, Parameter> p : critic.getParameters()) {
                float[] reference = ReferenceFixtures.floats(fixture.get("gradients").get(p.getKey()).asText());
                expected.add(reference);
                for (float v : reference) {
                    total += (double) v * v;
                }
            }
            double worst = 0;
            int i = 0;
            for (Pair<String, Parameter> p : critic.getParameters()) {
                float[] mine = p.getValue().getArray().getGradient().toFloatArray();
                double error = ReferenceFixtures.relativeL2(mine, expected.get(i++), 1e-2 * Math.sqrt(total));
                worst = Math.max(worst, error);
                assertTrue(error <= 1e-5, p.getKey() + ": gradient relative error " + error);
            }
            System.out.printf("gradient penalty vs PyTorch: penalty %.6f (ref %.6f), worst gradient error %.3g%n", penalty,
                    fixture.get("penalty").asDouble(), worst);
        }
    }

    private static double penalty(UnaryOperator<NDArray> critic, NDArray real, NDArray fake, NDArray eps) {
        try (GradientCollector ignored = Engine.getEngine("PyTorch").newGradientCollector()) {
            return GradientPenalty.wganGp(critic, real, fake, eps, 10f).value().getDouble();
        }
    }

    private static void set(NDArray array, double[] values) {
        try (NoGrad ignored = NoGrad.enter(); NDArray staging = array.getManager().create(values, array.getShape())) {
            array.set(new NDIndex("..."), staging);
        }
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        double error = Math.abs(actual - expected) / Math.max(1, Math.abs(expected));
        assertTrue(error <= tolerance, what + ": " + actual + " vs reference " + expected + " (relative error " + error + ")");
    }
}
