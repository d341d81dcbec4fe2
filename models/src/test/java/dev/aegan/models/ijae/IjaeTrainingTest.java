package dev.aegan.models.ijae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.aegan.models.GenerativeModel;
import dev.aegan.models.ImageShape;
import dev.aegan.models.ModelRegistry;
import dev.aegan.models.RandomStream;
import dev.aegan.models.SyntheticImages;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.models.checkpoint.ModelSnapshots;
import dev.aegan.models.checkpoint.RestoredModel;
import dev.aegan.models.training.PhaseLoop;
import dev.aegan.models.training.TrainingPhase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IjaeTrainingTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);
    private static final Map<String, Object> SMALL = Map.of("channels", 8, "latentDim", 8, "noiseDim", 8, "lambda", 0.5);
    private static final List<String> FAMILIES = List.of("lambda-ijae", "lambda-ijae-l1", "lambda-ijae-l2");

    @Test
    void aFewStepsGiveFiniteLossesForEveryPhaseAndTheRightShapes() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 16, 4);
        for (String name : FAMILIES) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                    GenerativeModel model = ModelRegistry.family(name).create(MNIST, SMALL, Device.cpu());
                    PhaseLoop loop = new PhaseLoop(model, 5)) {
                model.initialize(5);
                Map<String, Float> values = Map.of();
                int modelArrays = 0;
                for (int step = 0; step < 2; step++) {
                    try (NDArray batch = data.batch(manager, step * 4, 4)) {
                        values = loop.step(batch);
                    }
                    values.forEach((key, value) -> assertTrue(Float.isFinite(value), name + " " + key + " = " + value));
                    if (step == 0) {
                        modelArrays = model.manager().getManagedArrays().size();
                    }
                }
                assertEquals(modelArrays, model.manager().getManagedArrays().size(), "a step leaves no tensor behind");
                assertTrue(manager.getManagedArrays().isEmpty());
                List<String> expected = new ArrayList<>(List.of("d_psi/loss", "d_psi/real_logit", "d_psi/fake_logit"));
                if (name.equals("lambda-ijae")) {
                    expected.addAll(List.of("d_tau/loss", "d_tau/real_logit", "d_tau/fake_logit"));
                }
                expected.addAll(List.of("d_zeta/loss", "d_zeta/prior_logit", "d_zeta/posterior_logit", "generator/loss",
                        "generator/sample_logit"));
                String reconstruction = name.equals("lambda-ijae") ? "reconstruction_logit" : "reconstruction";
                expected.addAll(List.of("generator/" + reconstruction, "encoder/loss", "encoder/" + reconstruction,
                        "encoder/code_logit"));
                assertEquals(expected, List.copyOf(values.keySet()), name);
                // Discriminator losses are binary cross-entropies of two classes: positive, near log 4 early on.
                assertTrue(values.get("d_psi/loss") > 0 && values.get("d_zeta/loss") > 0);
                assertEquals(2, loop.completedSteps());

                NDArray z = RandomStream.of(9).normal(manager, new Shape(4, 8));
                NDArray samples = model.sample(z);
                assertEquals(MNIST.batchShape(4), samples.getShape());
                assertTrue(samples.abs().max().getFloat() <= 1f);
                try (NDArray x = data.batch(manager, 0, 4)) {
                    assertEquals(MNIST.batchShape(4), model.reconstruct(x).getShape());
                }
            }
        }
    }

    /**
     * Every phase run on its own changes the trainable parameters of its network and of no other.
     * Batch-norm running statistics are left out: every training-mode pass of the generator updates
     * them, in a discriminator phase too, as in PyTorch GAN training (they are buffers, not weights).
     */
    @Test
    void eachPhaseUpdatesOnlyItsOwnNetwork() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 8, 2);
        for (String name : List.of("lambda-ijae", "lambda-ijae-l1")) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                    GenerativeModel model = ModelRegistry.family(name).create(MNIST, SMALL, Device.cpu());
                    NDArray batch = data.all(manager)) {
                for (TrainingPhase phase : model.phases()) {
                    Map<String, float[]> before = trainable(model);
                    try (PhaseLoop loop = new PhaseLoop(new OnePhase(model, phase), 3)) {
                        loop.step(batch);
                    }
                    Map<String, float[]> after = trainable(model);
                    for (String network : model.networks().keySet()) {
                        boolean changed = false;
                        for (Map.Entry<String, float[]> entry : before.entrySet()) {
                            if (entry.getKey().startsWith(network + "/")) {
                                boolean same = Arrays.equals(entry.getValue(), after.get(entry.getKey()));
                                if (network.equals(phase.name())) {
                                    changed |= !same;
                                } else {
                                    assertTrue(same, name + ": phase " + phase.name() + " changed " + entry.getKey());
                                }
                            }
                        }
                        if (network.equals(phase.name())) {
                            assertTrue(changed, name + ": phase " + phase.name() + " did not update its network");
                        }
                    }
                }
            }
        }
    }

    /** A snapshot after two steps restores a model that samples, reconstructs and trains on exactly as the original. */
    @Test
    void snapshotsRestoreForInferenceAndResumeBitForBit() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 16, 6);
        String name = IjaeFamily.IMPLICIT;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray z = RandomStream.of(4).normal(manager, new Shape(3, 8));
            NDArray x = data.batch(manager, 3, 3);
            List<Map<String, Float>> uninterrupted = new ArrayList<>();
            ModelSnapshot snapshot;
            float[] samples;
            float[] reconstructions;
            Map<String, float[]> finalParameters;
            try (GenerativeModel model = ModelRegistry.family(name).create(MNIST, SMALL, Device.cpu());
                    PhaseLoop loop = new PhaseLoop(model, 21)) {
                model.initialize(21);
                for (int step = 0; step < 2; step++) {
                    loop.step(data.batch(manager, step * 4, 4));
                }
                snapshot = new ModelSnapshot(new LinkedHashMap<>(model.snapshot(loop, 2).objects()));
                samples = model.sample(z).toFloatArray();
                reconstructions = model.reconstruct(x).toFloatArray();
                for (int step = 2; step < 4; step++) {
                    uninterrupted.add(loop.step(data.batch(manager, step * 4, 4)));
                }
                finalParameters = all(model);
            }
            try (RestoredModel restored = ModelSnapshots.restore(snapshot, Device.cpu());
                    PhaseLoop loop = restored.resumeTraining()) {
                GenerativeModel model = restored.model();
                assertEquals(name, model.familyName());
                assertTrue(snapshot.has("networks/generator.params") && snapshot.has("networks/d_zeta.params"));
                assertTrue(snapshot.has("networks/d_tau.params"));
                assertArrayEquals(samples, model.sample(z).toFloatArray(), name + " samples");
                assertArrayEquals(reconstructions, model.reconstruct(x).toFloatArray(), name + " reconstructions");
                for (int step = 2; step < 4; step++) {
                    assertEquals(uninterrupted.get(step - 2), loop.step(data.batch(manager, step * 4, 4)),
                            name + " losses at step " + step);
                }
                Map<String, float[]> resumed = all(model);
                assertEquals(finalParameters.keySet(), resumed.keySet());
                finalParameters.forEach((key, values) -> assertArrayEquals(values, resumed.get(key), key));
            }
        }
    }

    private static Map<String, float[]> trainable(GenerativeModel model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        model.networks().forEach((network, block) -> {
            for (Pair<String, Parameter> p : block.getParameters()) {
                Parameter.Type type = p.getValue().getType();
                if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                    values.put(network + "/" + p.getKey(), p.getValue().getArray().toFloatArray());
                }
            }
        });
        return values;
    }

    private static Map<String, float[]> all(GenerativeModel model) {
        Map<String, float[]> values = new LinkedHashMap<>();
        model.networks().forEach((network, block) -> {
            for (Pair<String, Parameter> p : block.getParameters()) {
                values.put(network + "/" + p.getKey(), p.getValue().getArray().toFloatArray());
            }
        });
        return values;
    }

    /** The model with a schedule of one phase, so that a loop runs that phase alone. */
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
            return List.of(phase);
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
