package dev.aegan.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.BaseNDManager;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.events.DataSeen;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.trainer.domain.RejectedSpecException;
import dev.aegan.trainer.domain.SpecRejection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
        try (TrainingSession session = TrainingSession.start(ModelRegistry.family("vae"), spec, noise(40), 0, Device.cpu())) {
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
        try (TrainingSession session = TrainingSession.start(ModelRegistry.family("vae"), spec, noise(12), 0, Device.cpu())) {
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
     * A step of wgan-gp consumes a fresh batch per critic update (batch size x n_critic images of the
     * schedule), and a run of it resumes from a checkpoint exactly.
     */
    @Test
    void aStepConsumesABatchPerCriticUpdateAndResumesExactly() {
        RunSpec spec = new RunSpec(RunSpec.SCHEMA, "critic", null, "wgan-gp", "noise", 1, 10, 4, 10,
                Map.of("channels", 2, "latentDim", 4, "criticSteps", 3));
        Map<String, byte[]> objects;
        Map<String, Float> next;
        try (TrainingSession session = TrainingSession.start(ModelRegistry.family("wgan-gp"), spec, noise(20), 0,
                Device.cpu())) {
            assertEquals(12, session.imagesPerStep());
            session.step();
            objects = session.checkpointObjects();
            next = session.step();
        }
        try (TrainingSession resumed = TrainingSession.resume(spec, objects, noise(20), Device.cpu())) {
            assertEquals(next, resumed.step(), "the resumed step sees the same batches");
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
                noise(12), 0, Device.cpu())) {
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
                ModelRegistry.family("c-idvae"), conditional("unlabelled"), noise(labels), 0, Device.cpu()));
        assertEquals(SpecRejection.UNLABELLED_DATASET, unlabelled.code());
        assertTrue(unlabelled.getMessage().contains("2 of the 12 training images"), unlabelled.getMessage());

        labels[4] = 3;
        labels[7] = 0;
        RejectedSpecException outside = assertThrows(RejectedSpecException.class, () -> TrainingSession.start(
                ModelRegistry.family("c-idvae"), conditional("outside"), noise(labels), 0, Device.cpu()));
        assertEquals(SpecRejection.INVALID_HYPERPARAMETER, outside.code());
        assertTrue(outside.getMessage().contains("label 3, outside the classes = 3"), outside.getMessage());
    }

    private static RunSpec following(String runId) {
        return new RunSpec(RunSpec.SCHEMA, runId, null, "vae", "noise", 1, 12, 4, 4, Map.of("latentDim", 4), null, true);
    }

    /**
     * Eight images at start, sixteen from step 4 (a checkpoint step): a run resumed from the
     * arrival's checkpoint, or from one after it, on a dataset that has grown further since, trains
     * exactly as the uninterrupted run did, and ends with the same parameters and optimizer state.
     */
    @Test
    void aRunResumedAcrossAnArrivalReproducesTheUninterruptedRunBitForBit() {
        RunSpec spec = following("arrival");
        List<Map<String, Float>> losses = new ArrayList<>();
        Map<String, byte[]> atArrival;
        Map<String, byte[]> afterArrival = null;
        Map<String, byte[]> atEnd;
        try (TrainingSession session = TrainingSession.start(ModelRegistry.family("vae"), spec, noise(8), 2, Device.cpu())) {
            for (int i = 0; i < 4; i++) {
                losses.add(session.step());
            }
            assertTrue(session.takeIn(noise(16), 3));
            assertFalse(session.takeIn(noise(16), 3), "no image beyond those taken in already");
            atArrival = session.checkpointObjects();
            assertEquals(new DataSeen(Map.of("train", 16L, "heldout", 3L),
                    EventJson.read(atArrival.get(TrainingDataFingerprint.OBJECT), TrainingDataFingerprint.class)
                            .trainImagesSha256(),
                    List.of(new DataSeen.DataArrival(0, Map.of("train", 8L, "heldout", 2L)),
                            new DataSeen.DataArrival(4, Map.of("train", 16L, "heldout", 3L)))), session.dataSeen());
            for (int i = 4; i < 12; i++) {
                losses.add(session.step());
                if (session.completedSteps() == 6) {
                    afterArrival = session.checkpointObjects();
                }
            }
            atEnd = session.checkpointObjects();
        }
        assertResumesExactly(spec, atArrival, 4, losses, atEnd);
        assertResumesExactly(spec, afterArrival, 6, losses, atEnd);
    }

    private static void assertResumesExactly(RunSpec spec, Map<String, byte[]> checkpoint, int step,
                                             List<Map<String, Float>> losses, Map<String, byte[]> atEnd) {
        try (TrainingSession resumed = TrainingSession.resume(spec, checkpoint, noise(24), Device.cpu())) {
            assertEquals(step, resumed.completedSteps());
            assertEquals(16, resumed.trainImages(), "the arrival's images, not those appended since");
            for (int i = step; i < 12; i++) {
                assertEquals(losses.get(i), resumed.step(), "losses of step " + (i + 1) + " resumed at " + step);
            }
            Map<String, byte[]> end = resumed.checkpointObjects();
            assertEquals(atEnd.keySet(), end.keySet());
            atEnd.forEach((name, bytes) -> assertTrue(Arrays.equals(bytes, end.get(name)),
                    name + " after resuming at step " + step));
        }
    }

    /** The arrival changes what the run trains on: from its step on, batches hold the new images. */
    @Test
    void imagesTakenInJoinTheBatchesFromTheArrivalStep() {
        List<Map<String, Float>> following = new ArrayList<>();
        List<Map<String, Float>> staying = new ArrayList<>();
        try (TrainingSession a = TrainingSession.start(ModelRegistry.family("vae"), following("a"), noise(8), 0, Device.cpu());
             TrainingSession b = TrainingSession.start(ModelRegistry.family("vae"), following("b"), noise(8), 0, Device.cpu())) {
            for (int i = 0; i < 6; i++) {
                if (i == 4) {
                    a.takeIn(noise(16), 0);
                }
                following.add(a.step());
                staying.add(b.step());
            }
        }
        assertEquals(staying.subList(0, 4), following.subList(0, 4), "steps before the arrival are untouched");
        assertNotEquals(staying.get(4), following.get(4), "the step at the arrival draws from sixteen images");
    }

    @Test
    void aRunRefusesToTakeInImagesWhoseFirstAreNotThoseItTrainedOn() {
        try (TrainingSession session = TrainingSession.start(ModelRegistry.family("vae"), following("changed"), noise(8),
                0, Device.cpu())) {
            DatasetImages grown = noise(16);
            grown.pixels()[3] ^= 1;
            IllegalStateException changed = assertThrows(IllegalStateException.class, () -> session.takeIn(grown, 0));
            assertTrue(changed.getMessage().contains("the first 8 training images"), changed.getMessage());
        }
    }
}
