package dev.aegan.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.api.InvalidHyperparameterException;
import dev.aegan.models.api.ModelFamily;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.models.checkpoint.ModelSnapshots;
import dev.aegan.models.checkpoint.RestoredModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.core.UnsupportedImageShapeException;
import dev.aegan.models.nn.LearnedParameters;
import dev.aegan.models.phase.TrainingPhase;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.training.PhaseLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks every model family owes: a few finite steps that leave no tensor behind, phase isolation, and
 * checkpoints that restore and resume exactly.
 */
public final class TrainingChecks {

    /** What a test checks after {@link #trainTwoSteps}: the open model and loop, a manager for inputs, the last values. */
    @FunctionalInterface
    public interface AfterSteps {
        void check(GenerativeModel model, PhaseLoop loop, NDManager manager, Map<String, Float> values);
    }

    private TrainingChecks() {
    }

    /**
     * Two steps of a new {@code family} model (seed 5), each on the next batches of 4 images of
     * {@code data} (as many as a step takes), with their labels for a conditional model: every value
     * finite, the model's tensor count flat after the first step; then {@code then} checks the model,
     * still open.
     */
    public static void trainTwoSteps(String family, ImageShape shape, Map<String, ?> hyperparameters,
            SyntheticImages data, AfterSteps then) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                GenerativeModel model = ModelRegistry.family(family).create(shape, hyperparameters, Device.cpu());
                PhaseLoop loop = new PhaseLoop(model, 5)) {
            model.initialize(5);
            Map<String, Float> values = Map.of();
            int modelArrays = 0;
            for (int step = 0; step < 2; step++) {
                int images = 4 * loop.batchesPerStep();
                try (NDArray batch = data.batch(manager, step * images, images)) {
                    values = loop.step(batch, model.classes() > 0 ? data.labels(step * images, images) : null);
                }
                values.forEach((key, value) -> assertTrue(Float.isFinite(value), family + " " + key + " = " + value));
                if (step == 0) {
                    modelArrays = model.manager().getManagedArrays().size();
                }
            }
            assertEquals(modelArrays, model.manager().getManagedArrays().size(), "a step leaves no tensor behind");
            then.check(model, loop, manager, values);
        }
    }

    /** {@code family} refuses {@code hyperparameters} for {@code shape}, saying {@code saying} (e.g. what is allowed). */
    public static void assertRejected(ModelFamily family, ImageShape shape, Map<String, ?> hyperparameters, String saying) {
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> family.resolve(shape, hyperparameters));
        assertTrue(e.getMessage().contains(saying), e.getMessage());
    }

    /** {@code family} refuses images of {@code shape}, saying {@code saying} (e.g. the sides it takes). */
    public static void assertShapeRejected(ModelFamily family, ImageShape shape, String saying) {
        UnsupportedImageShapeException e = assertThrows(UnsupportedImageShapeException.class,
                () -> family.resolve(shape, Map.of()));
        assertTrue(e.getMessage().contains(saying), e.getMessage());
    }

    /** Four samples from N(0, I) codes of {@code latentDim} have the image shape and lie in [-1, 1]. */
    public static void assertSamplesFit(GenerativeModel model, NDManager manager, int latentDim) {
        NDArray samples = model.sample(RandomStream.of(9).normal(manager, new Shape(4, latentDim)));
        assertEquals(model.shape().batchShape(4), samples.getShape());
        assertTrue(samples.abs().max().getFloat() <= 1f);
    }

    /**
     * Runs every phase of {@code model} on its own, once, and asserts that it changed the learned
     * parameters of each network it names and of no other. Batch-norm running statistics are left
     * out: every training-mode pass updates them (they are buffers, not weights).
     */
    public static void assertEachPhaseUpdatesOnlyItsNetworks(GenerativeModel model, NDArray batch) {
        assertEachPhaseUpdatesOnlyItsNetworks(model, batch, null);
    }

    /**
     * {@link #assertEachPhaseUpdatesOnlyItsNetworks(GenerativeModel, NDArray, int[])} for a new {@code family}
     * model on all of {@code data} (with its labels for a conditional model).
     */
    public static void assertEachPhaseUpdatesOnlyItsNetworks(String family, ImageShape shape,
            Map<String, ?> hyperparameters, SyntheticImages data) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                GenerativeModel model = ModelRegistry.family(family).create(shape, hyperparameters, Device.cpu());
                NDArray batch = data.all(manager)) {
            int n = (int) batch.getShape().get(0);
            assertEachPhaseUpdatesOnlyItsNetworks(model, batch, model.classes() > 0 ? data.labels(0, n) : null);
        }
    }

    /** As {@link #assertEachPhaseUpdatesOnlyItsNetworks(GenerativeModel, NDArray)}, for a batch with labels. */
    public static void assertEachPhaseUpdatesOnlyItsNetworks(GenerativeModel model, NDArray batch, int[] labels) {
        for (TrainingPhase phase : model.phases()) {
            Map<String, float[]> before = parameterValues(model, LearnedParameters::isLearned);
            try (PhaseLoop loop = new PhaseLoop(new OnePhase(model, phase), 3)) {
                loop.step(batch, labels);
            }
            Map<String, float[]> after = parameterValues(model, LearnedParameters::isLearned);
            for (String network : model.networks().keySet()) {
                boolean updated = phase.networks().contains(network);
                boolean changed = false;
                for (Map.Entry<String, float[]> entry : before.entrySet()) {
                    if (entry.getKey().startsWith(network + "/")) {
                        boolean same = Arrays.equals(entry.getValue(), after.get(entry.getKey()));
                        assertTrue(updated || same, model.familyName() + ": phase " + phase.name() + " changed "
                                + entry.getKey());
                        changed |= !same;
                    }
                }
                assertTrue(!updated || changed, model.familyName() + ": phase " + phase.name() + " did not update "
                        + network);
            }
        }
    }

    /**
     * Trains {@code steps} steps, snapshots, trains {@code steps} more; the snapshot restores a model
     * that samples (and reconstructs, if it can) as the original did at the snapshot and then trains
     * on to the same losses and parameters, bit for bit. Batches come with their labels, which only a
     * conditional model uses.
     */
    public static void assertSnapshotsRestoreAndResumeExactly(String family, ImageShape shape,
            Map<String, ?> hyperparameters, SyntheticImages data, int batchSize, int steps) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            List<Map<String, Float>> uninterrupted = new ArrayList<>();
            ModelSnapshot snapshot;
            float[] samples;
            float[] reconstructions = null;
            Map<String, float[]> finalParameters;
            NDArray z;
            NDArray x = data.batch(manager, 1, 3);
            int[] xLabels = data.labels(1, 3);
            try (GenerativeModel model = ModelRegistry.family(family).create(shape, hyperparameters, Device.cpu());
                    PhaseLoop loop = new PhaseLoop(model, 21)) {
                model.initialize(21);
                z = RandomStream.of(4).normal(manager, new Shape(3, model.latentDim()));
                for (int step = 0; step < steps; step++) {
                    step(loop, data, manager, step, batchSize);
                }
                snapshot = new ModelSnapshot(new LinkedHashMap<>(loop.snapshot(steps).objects()));
                samples = model.sample(z).toFloatArray();
                if (model.canReconstruct()) {
                    reconstructions = model.reconstruct(x, xLabels).toFloatArray();
                }
                for (int step = steps; step < 2 * steps; step++) {
                    uninterrupted.add(step(loop, data, manager, step, batchSize));
                }
                finalParameters = parameterValues(model);
            }
            try (RestoredModel restored = ModelSnapshots.restore(snapshot, Device.cpu(), ModelRegistry::family);
                    PhaseLoop loop = PhaseLoop.resume(restored)) {
                GenerativeModel model = restored.model();
                assertEquals(family, model.familyName());
                for (String network : model.networks().keySet()) {
                    assertTrue(snapshot.has(ModelSnapshot.networkKey(network)), "snapshot holds " + network);
                }
                assertArrayEquals(samples, model.sample(z).toFloatArray(), family + " samples");
                if (reconstructions != null) {
                    assertArrayEquals(reconstructions, model.reconstruct(x, xLabels).toFloatArray(),
                            family + " reconstructions");
                }
                for (int step = steps; step < 2 * steps; step++) {
                    assertEquals(uninterrupted.get(step - steps), step(loop, data, manager, step, batchSize),
                            family + " losses at step " + step);
                }
                Map<String, float[]> resumed = parameterValues(model);
                assertEquals(finalParameters.keySet(), resumed.keySet());
                finalParameters.forEach((key, values) -> assertArrayEquals(values, resumed.get(key), key));
            }
        }
    }

    private static Map<String, Float> step(PhaseLoop loop, SyntheticImages data, NDManager manager, int step,
            int batchSize) {
        int images = batchSize * loop.batchesPerStep();
        return loop.step(data.batch(manager, step * images, images), data.labels(step * images, images));
    }

    /** Every parameter's values by {@code <network>/<path>}, in the model's order. */
    public static Map<String, float[]> parameterValues(GenerativeModel model) {
        return parameterValues(model, parameter -> true);
    }

    private static Map<String, float[]> parameterValues(GenerativeModel model, Predicate<Parameter> which) {
        Map<String, float[]> values = new LinkedHashMap<>();
        model.networks().forEach((network, block) -> {
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (which.test(p.getValue())) {
                    values.put(network + "/" + p.getKey(), p.getValue().getArray().toFloatArray());
                }
            }
        });
        return values;
    }

    /** The model with a schedule of one phase, on the step's only batch, so that a loop runs that phase alone. */
    private record OnePhase(GenerativeModel model, TrainingPhase phase) implements GenerativeModel {
        @Override
        public String familyName() {
            return model.familyName();
        }

        @Override
        public ImageShape shape() {
            return model.shape();
        }

        @Override
        public int latentDim() {
            return model.latentDim();
        }

        @Override
        public Map<String, Object> hyperparameters() {
            return model.hyperparameters();
        }

        @Override
        public Map<String, Block> networks() {
            return model.networks();
        }

        @Override
        public List<TrainingPhase> phases() {
            return List.of(phase.onBatch(0));
        }

        @Override
        public NDArray sample(NDArray z) {
            return model.sample(z);
        }

        @Override
        public NDArray reconstruct(NDArray x) {
            return model.reconstruct(x);
        }

        @Override
        public int classes() {
            return model.classes();
        }

        @Override
        public NDManager manager() {
            return model.manager();
        }

        @Override
        public void initialize(long seed) {
            model.initialize(seed);
        }

        @Override
        public void close() {
            // the wrapped model is closed by its owner
        }
    }
}
