package dev.aegan.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import dev.aegan.models.api.AbstractGenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.phase.AdamSettings;
import dev.aegan.models.phase.PhaseContext;
import dev.aegan.models.phase.PhaseLoss;
import dev.aegan.models.phase.TrainingPhase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The loop's mechanism, on a model of two linear maps a and b over 4-pixel images:
 * phase "first" minimises mean(f_a * f_b) and updates a; phase "second" minimises
 * mean((f_a - f_b)^2) and updates b. Gradients are checked against their closed forms.
 */
class PhaseLoopTest {

    private static final ImageShape SHAPE = new ImageShape(1, 2, 2);
    private static final AdamSettings ADAM = new AdamSettings(0.01, 0.9, 0.999);

    /** Two networks, each one row vector w, f(x) = w . x. */
    static final class TwoNetworkModel extends AbstractGenerativeModel {
        final Block a;
        final Block b;

        TwoNetworkModel(List<String> phaseNames) {
            super("two-network-test", SHAPE, 4, Map.of(), Device.cpu());
            a = addNetwork("a", Linear.builder().setUnits(1).optBias(false).build(), new Shape(1, 4));
            b = addNetwork("b", Linear.builder().setUnits(1).optBias(false).build(), new Shape(1, 4));
            initialize(5);
            TrainingPhase first = new TrainingPhase("first", List.of("a"), ADAM, ctx -> {
                NDArray x = flat(ctx.batch());
                NDArray product = forward(a, ctx, x).mul(forward(b, ctx, x)).mean();
                return new PhaseLoss(product, Map.of("scale", x.abs().mean()));
            });
            TrainingPhase second = new TrainingPhase("second", List.of("b"), ADAM, ctx -> {
                NDArray x = flat(ctx.batch());
                return PhaseLoss.of(forward(a, ctx, x).sub(forward(b, ctx, x)).square().mean());
            });
            TrainingPhase firstOwnAdam = new TrainingPhase("first-own-adam", List.of("a"), ADAM, first.objective(),
                    "own");
            TrainingPhase firstOnSecondBatch = new TrainingPhase("first-on-second-batch", List.of("a"), ADAM,
                    first.objective()).onBatch(1);
            Map<String, TrainingPhase> byName = Map.of("first", first, "second", second, "first-own-adam", firstOwnAdam,
                    "first-on-second-batch", firstOnSecondBatch);
            trainWith(phaseNames.stream().map(byName::get).toList());
        }

        private static NDArray flat(NDArray batch) {
            return batch.reshape(batch.getShape().get(0), 4);
        }

        private static NDArray forward(Block block, PhaseContext ctx, NDArray x) {
            return block.forward(ctx.parameters(), new NDList(x), true).singletonOrThrow().reshape(-1);
        }

        @Override
        public NDArray sample(NDArray z) {
            return infer(z, in -> a.forward(in.parameters(), new NDList(in.array()), false).singletonOrThrow());
        }

        @Override
        public NDArray reconstruct(NDArray x) {
            return infer(x, in -> in.array().duplicate());
        }

        float[] weights(Block block) {
            return block.getParameters().get("weight").getArray().toFloatArray();
        }

        float[] gradient(Block block) {
            try (NDArray g = block.getParameters().get("weight").getArray().getGradient()) {
                return g.toFloatArray();
            }
        }
    }

    private static final float[] BATCH = {
        0.5f, -0.25f, 0.75f, 1f,
        -1f, 0.5f, 0.25f, -0.5f,
        0.1f, 0.9f, -0.3f, 0.2f,
    };

    private static NDArray batch(NDManager manager) {
        return manager.create(BATCH, SHAPE.batchShape(3));
    }

    @Test
    void aPhaseUpdatesOnlyItsOwnNetworks() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                TwoNetworkModel model = new TwoNetworkModel(List.of("first"));
                PhaseLoop loop = new PhaseLoop(model, 1)) {
            float[] a0 = model.weights(model.a);
            float[] b0 = model.weights(model.b);
            Map<String, Float> values = loop.step(batch(manager));
            assertNotEquals(a0[0], model.weights(model.a)[0], "a is trained by phase first");
            assertArrayEquals(b0, model.weights(model.b), "b is not trained by phase first");
            assertEquals(List.of("first/loss", "first/scale"), List.copyOf(values.keySet()));
            assertEquals(1, loop.optimizer().stepCount("a/weight"));
            assertEquals(0, loop.optimizer().stepCount("b/weight"));
        }
    }

    @Test
    void eachPhaseBackpropagatesOnlyItsOwnLossIntoOnlyItsOwnNetworks() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                TwoNetworkModel model = new TwoNetworkModel(List.of("first", "second"));
                PhaseLoop loop = new PhaseLoop(model, 1)) {
            // Two steps: the second also shows that gradients from the first were zeroed.
            loop.step(batch(manager));
            float[] a0 = model.weights(model.a);
            float[] b0 = model.weights(model.b);
            loop.step(batch(manager));
            float[] a1 = model.weights(model.a);

            // d/dw_a mean(f_a f_b) = mean_n f_b(x_n) x_n, at (a0, b0): what phase first left in a.
            assertArrayEquals(firstLossGradientWrtA(b0), model.gradient(model.a), 1e-6f);
            // d/dw_b mean((f_a - f_b)^2) = mean_n -2 (f_a - f_b) x_n, at (a1, b0): phase first's
            // gradient with respect to b must not have leaked into it.
            assertArrayEquals(secondLossGradientWrtB(a1, b0), model.gradient(model.b), 1e-6f);
            assertEquals(2, loop.optimizer().stepCount("a/weight"));
            assertEquals(2, loop.optimizer().stepCount("b/weight"));
            assertFalse(Arrays.equals(a0, a1));
        }
    }

    /** A phase of its own optimizer group keeps its own Adam state for a network another phase also updates. */
    @Test
    void aPhaseOfItsOwnOptimizerGroupKeepsItsOwnAdamState() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                TwoNetworkModel model = new TwoNetworkModel(List.of("first", "first-own-adam"));
                PhaseLoop loop = new PhaseLoop(model, 1)) {
            loop.step(batch(manager));
            // One shared state would have counted two updates of a/weight.
            assertEquals(1, loop.optimizer().stepCount("a/weight"));
            assertEquals(1, loop.optimizer().stepCount("own:a/weight"));
            assertEquals(Set.of("a/weight", "own:a/weight"), loop.optimizer().keys());
        }
    }

    /** A step of phases on two batches takes both, concatenated; each phase sees its own (its metric scale = mean |x|). */
    @Test
    void eachPhaseSeesTheBatchItNames() {
        float[] twoBatches = {
            0.5f, -0.25f, 0.75f, 1f,
            -1f, 0.5f, 0.25f, -0.5f,
            0.1f, 0.2f, -0.3f, 0.2f,
            -0.1f, 0.1f, 0.1f, 0.2f,
        };
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                TwoNetworkModel model = new TwoNetworkModel(List.of("first", "first-on-second-batch"));
                PhaseLoop loop = new PhaseLoop(model, 1)) {
            assertEquals(2, loop.batchesPerStep());
            Map<String, Float> values = loop.step(manager.create(twoBatches, SHAPE.batchShape(4)));
            assertEquals(4.75f / 8, values.get("first/scale"), 1e-6f);
            assertEquals(1.3f / 8, values.get("first-on-second-batch/scale"), 1e-6f);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.step(batch(manager)));
            assertTrue(e.getMessage().contains("takes 2 batches of one size"), e.getMessage());
            assertEquals(1, loop.completedSteps());
        }
    }

    @Test
    void aScheduleThatSkipsABatchIsRejected() {
        try (TwoNetworkModel model = new TwoNetworkModel(List.of("first-on-second-batch"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PhaseLoop(model, 1));
            assertTrue(e.getMessage().contains("batches 0..1 must each be some phase's"), e.getMessage());
        }
    }

    @Test
    void stepsCloseEveryTensorTheyCreate() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                TwoNetworkModel model = new TwoNetworkModel(List.of("first", "second"));
                PhaseLoop loop = new PhaseLoop(model, 1);
                NDArray x = batch(manager)) {
            loop.step(x);
            int modelArrays = model.manager().getManagedArrays().size();
            int callerArrays = manager.getManagedArrays().size();
            for (int i = 0; i < 20; i++) {
                loop.step(x);
            }
            assertEquals(modelArrays, model.manager().getManagedArrays().size());
            assertEquals(callerArrays, manager.getManagedArrays().size());
        }
    }

    @Test
    void loopsOnTwoThreadsTakeTurnsAtDjlsSingleGradientCollector() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<float[]>> results = pool.invokeAll(List.of(PhaseLoopTest::train20Steps, PhaseLoopTest::train20Steps));
            float[] expected = train20Steps();
            for (Future<float[]> result : results) {
                assertArrayEquals(expected, result.get(), "training on a pool thread gives the same bits as on main");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static float[] train20Steps() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                TwoNetworkModel model = new TwoNetworkModel(List.of("first", "second"));
                PhaseLoop loop = new PhaseLoop(model, 1);
                NDArray x = batch(manager)) {
            for (int i = 0; i < 20; i++) {
                loop.step(x);
            }
            float[] a = model.weights(model.a);
            float[] b = model.weights(model.b);
            float[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }
    }

    @Test
    void aBatchOfTheWrongShapeIsRejectedWithTheExpectedShape() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                TwoNetworkModel model = new TwoNetworkModel(List.of("first"));
                PhaseLoop loop = new PhaseLoop(model, 1)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loop.step(manager.zeros(new Shape(3, 1, 4, 4))));
            assertTrue(e.getMessage().contains("1x2x2"), e.getMessage());
            assertEquals(0, loop.completedSteps());
        }
    }

    @Test
    void aNonFiniteLossStopsThePhaseBeforeAnyUpdate() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                TwoNetworkModel model = new TwoNetworkModel(List.of("first"));
                PhaseLoop loop = new PhaseLoop(model, 1)) {
            float[] a0 = model.weights(model.a);
            NDArray x = manager.full(SHAPE.batchShape(2), Float.NaN);
            NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> loop.step(x));
            assertEquals("first", e.phase());
            assertArrayEquals(a0, model.weights(model.a));
            assertEquals(0, loop.completedSteps());
        }
    }

    private static float[] firstLossGradientWrtA(float[] b) {
        float[] g = new float[4];
        for (int n = 0; n < 3; n++) {
            double fb = dot(b, n);
            for (int i = 0; i < 4; i++) {
                g[i] += (float) (fb * BATCH[n * 4 + i] / 3);
            }
        }
        return g;
    }

    private static float[] secondLossGradientWrtB(float[] a, float[] b) {
        float[] g = new float[4];
        for (int n = 0; n < 3; n++) {
            double diff = dot(a, n) - dot(b, n);
            for (int i = 0; i < 4; i++) {
                g[i] += (float) (-2 * diff * BATCH[n * 4 + i] / 3);
            }
        }
        return g;
    }

    private static double dot(float[] w, int n) {
        double s = 0;
        for (int i = 0; i < 4; i++) {
            s += w[i] * BATCH[n * 4 + i];
        }
        return s;
    }
}
