package dev.aegan.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.models.ModelRegistry;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingSessionTest {

    private static DatasetImages noise(int count) {
        byte[] pixels = new byte[count * 28 * 28];
        new Random(3).nextBytes(pixels);
        return new DatasetImages("noise", Split.TRAIN, 1, 28, 28, pixels, new int[count]);
    }

    @Test
    void aStepLeavesNoTensorBehindSoMemoryStaysFlat() {
        RunSpec spec = new RunSpec(RunSpec.SCHEMA, "flat", null, "vae", "noise", 1, 1000, 8, 1000,
                Map.of("latentDim", 4));
        try (TrainingSession session = TrainingSession.start(ModelRegistry.family("vae"), spec, noise(40), Device.cpu())) {
            // The first step creates the optimizer state, which is kept on purpose.
            session.step();
            BaseNDManager manager = (BaseNDManager) session.model().manager();
            int arraysAfterFirstStep = manager.getManagedArrays().size();
            for (int i = 0; i < 30; i++) {
                session.step();
            }
            assertEquals(arraysAfterFirstStep, manager.getManagedArrays().size(),
                    "tensors alive after 31 steps should be those alive after the first");
            assertEquals(31, session.completedSteps());
        }
    }

    @Test
    void aCheckpointCarriesTheModelSnapshotAndTheTrainingImagesItDrewFrom() {
        RunSpec spec = new RunSpec(RunSpec.SCHEMA, "objects", null, "vae", "noise", 1, 10, 4, 10, Map.of());
        try (TrainingSession session = TrainingSession.start(ModelRegistry.family("vae"), spec, noise(12), Device.cpu())) {
            session.step();
            Map<String, byte[]> objects = session.checkpointObjects();
            assertEquals(java.util.Set.of("networks/encoder.params", "networks/decoder.params", "optimizer.bin",
                    "training-state.json", RunState.OBJECT), objects.keySet());
            assertTrue(new String(objects.get(RunState.OBJECT)).contains("\"trainImages\":12"));
        }
    }
}
