package dev.aegan.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.trainer.domain.RejectedSpecException;
import dev.aegan.trainer.domain.SpecRejection;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingSessionTest {

    private static DatasetImages noise(int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 3;
        }
        return noise(labels);
    }

    private static DatasetImages noise(int[] labels) {
        byte[] pixels = new byte[labels.length * 28 * 28];
        new Random(3).nextBytes(pixels);
        return new DatasetImages("noise", Split.TRAIN, 1, 28, 28, pixels, labels);
    }

    private static RunSpec conditional(String runId) {
        return new RunSpec(RunSpec.SCHEMA, runId, null, "c-idvae", "noise", 1, 10, 4, 10,
                Map.of("classes", 3, "channels", 2, "latentDim", 4));
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
                    "training-state.json", TrainingDataFingerprint.OBJECT), objects.keySet());
            TrainingDataFingerprint state = EventJson.read(objects.get(TrainingDataFingerprint.OBJECT), TrainingDataFingerprint.class);
            assertEquals(12, state.trainImages());
            assertNull(state.trainLabelsSha256(), "an unconditional model does not train on labels");
        }
    }

    /**
     * A conditional model trains on each batch's labels, its checkpoint records their SHA-256, and it
     * resumes only on the same labels.
     */
    @Test
    void aConditionalModelTrainsOnTheLabelsItsCheckpointRecords() {
        Map<String, byte[]> objects;
        Map<String, Float> next;
        try (TrainingSession session = TrainingSession.start(ModelRegistry.family("c-idvae"), conditional("labels"),
                noise(12), Device.cpu())) {
            session.step();
            objects = session.checkpointObjects();
            next = session.step();
        }
        assertNotNull(EventJson.read(objects.get(TrainingDataFingerprint.OBJECT), TrainingDataFingerprint.class).trainLabelsSha256());
        try (TrainingSession resumed = TrainingSession.resume(conditional("labels"), objects, noise(12), Device.cpu())) {
            assertEquals(next, resumed.step(), "the resumed step sees the same batch and labels");
        }
        int[] relabelled = noise(12).labels().clone();
        relabelled[5] = (relabelled[5] + 1) % 3;
        IllegalStateException changed = assertThrows(IllegalStateException.class,
                () -> TrainingSession.resume(conditional("labels"), objects, noise(relabelled), Device.cpu()));
        assertTrue(changed.getMessage().contains("labels of the first 12 training images"), changed.getMessage());
    }

    @Test
    void aConditionalModelRefusesImagesWithoutALabelInItsClasses() {
        int[] labels = noise(12).labels().clone();
        labels[4] = ImageBatch.UNLABELLED;
        labels[7] = ImageBatch.UNLABELLED;
        RejectedSpecException unlabelled = assertThrows(RejectedSpecException.class, () -> TrainingSession.start(
                ModelRegistry.family("c-idvae"), conditional("unlabelled"), noise(labels), Device.cpu()));
        assertEquals(SpecRejection.UNLABELLED_DATASET, unlabelled.code());
        assertTrue(unlabelled.getMessage().contains("2 of the 12 training images"), unlabelled.getMessage());

        labels[4] = 3;
        labels[7] = 0;
        RejectedSpecException outside = assertThrows(RejectedSpecException.class, () -> TrainingSession.start(
                ModelRegistry.family("c-idvae"), conditional("outside"), noise(labels), Device.cpu()));
        assertEquals(SpecRejection.INVALID_HYPERPARAMETER, outside.code());
        assertTrue(outside.getMessage().contains("label 3, outside the classes = 3"), outside.getMessage());
    }
}
