package dev.aegan.models.checkpoint;

import static dev.aegan.models.TrainingChecks.parameterValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aegan.models.SyntheticImages;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.training.PhaseLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run resumed from a checkpoint is bit-identical to the run that was never interrupted. */
class ResumeExactnessTest {

    private static final ImageShape SHAPE = new ImageShape(1, 16, 16);
    private static final int STEPS = 8;
    private static final int CHECKPOINT_AT = 3;
    private static final long SEED = 42;

    @Test
    void resumingFromAStepKCheckpointRepeatsTheUninterruptedRunBitForBit() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(SHAPE, 16, 3);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            List<Map<String, Float>> uninterruptedLosses = new ArrayList<>();
            Map<String, float[]> uninterruptedParameters;
            ModelSnapshot checkpoint = null;
            try (GenerativeModel model = create(); PhaseLoop loop = new PhaseLoop(model, SEED)) {
                model.initialize(SEED);
                for (int step = 0; step < STEPS; step++) {
                    if (step == CHECKPOINT_AT) {
                        checkpoint = loop.snapshot(loop.completedSteps());
                    }
                    uninterruptedLosses.add(step(loop, data, manager, step));
                }
                uninterruptedParameters = parameterValues(model);
            }

            // Through bytes, as the object store would carry them.
            ModelSnapshot stored = new ModelSnapshot(new LinkedHashMap<>(checkpoint.objects()));
            try (RestoredModel restored = ModelSnapshots.restore(stored, Device.cpu(), ModelRegistry::family);
                    PhaseLoop loop = PhaseLoop.resume(restored)) {
                assertEquals(CHECKPOINT_AT, restored.step());
                assertEquals(SEED, restored.seed());
                assertEquals(CHECKPOINT_AT, loop.completedSteps());
                for (int step = CHECKPOINT_AT; step < STEPS; step++) {
                    assertEquals(uninterruptedLosses.get(step), step(loop, data, manager, step), "losses at step " + step);
                }
                Map<String, float[]> resumed = parameterValues(restored.model());
                assertEquals(uninterruptedParameters.keySet(), resumed.keySet());
                uninterruptedParameters.forEach((key, values) -> assertArrayEquals(values, resumed.get(key), key));
            }
        }
    }

    private static GenerativeModel create() {
        return ModelRegistry.family("vae").create(SHAPE, Map.of("latentDim", 8), Device.cpu());
    }

    private static Map<String, Float> step(PhaseLoop loop, SyntheticImages data, NDManager manager, int step) {
        try (NDArray batch = data.batch(manager, step * 4, 8)) {
            return loop.step(batch);
        }
    }
}
