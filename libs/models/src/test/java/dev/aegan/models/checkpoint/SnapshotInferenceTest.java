package dev.aegan.models.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.SyntheticImages;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.training.PhaseLoop;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SnapshotInferenceTest {

    private static final ImageShape SHAPE = new ImageShape(3, 32, 32);

    @Test
    void aCheckpointLoadedForInferenceSamplesAndReconstructsExactlyAsTheTrainedModel() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(SHAPE, 8, 5);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                GenerativeModel model = ModelRegistry.family("vae").create(SHAPE, Map.of("latentDim", 12), Device.cpu());
                PhaseLoop loop = new PhaseLoop(model, 9)) {
            model.initialize(9);
            NDArray images = data.all(manager);
            loop.step(images);
            loop.step(images);
            NDArray z = RandomStream.of(123).normal(manager, new Shape(4, 12));
            float[] samples = model.sample(z).toFloatArray();
            float[] reconstructions = model.reconstruct(images).toFloatArray();

            Map<String, byte[]> objects = new HashMap<>(loop.snapshot(2).objects());
            objects.remove(ModelSnapshot.OPTIMIZER);
            try (RestoredModel restored = ModelSnapshots.restore(new ModelSnapshot(objects), Device.cpu(), ModelRegistry::family)) {
                GenerativeModel loaded = restored.model();
                assertEquals("vae", loaded.familyName());
                assertEquals(SHAPE, loaded.shape());
                assertEquals(model.hyperparameters(), loaded.hyperparameters());
                assertArrayEquals(samples, loaded.sample(z).toFloatArray());
                assertArrayEquals(reconstructions, loaded.reconstruct(images).toFloatArray());
                assertFalse(restored.canResumeTraining());
                InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> PhaseLoop.resume(restored));
                assertTrue(e.getMessage().contains("inference only"), e.getMessage());
            }
        }
    }

    @Test
    void theTrainingStateNamesTheModelAndWhereTrainingStood() {
        try (GenerativeModel model = ModelRegistry.family("vae").create(new ImageShape(1, 28, 28), Map.of(), Device.cpu());
                PhaseLoop loop = new PhaseLoop(model, 77)) {
            ModelSnapshot snapshot = loop.snapshot(0);
            assertEquals(Set.of("training-state.json", "optimizer.bin", "networks/encoder.params",
                    "networks/decoder.params"), snapshot.objects().keySet());
            TrainingState state = ModelSnapshots.trainingState(snapshot);
            assertEquals(new TrainingState(1, "vae", new ImageShape(1, 28, 28), 16, model.hyperparameters(), 77, 0,
                    List.of("encoder", "decoder")), state);
            String json = new String(snapshot.object("training-state.json"), StandardCharsets.UTF_8);
            assertTrue(json.contains("\"learningRate\" : 0.001"), json);
            assertThrows(IllegalArgumentException.class, () -> loop.snapshot(5));
        }
    }

    @Test
    void aCheckpointMissingANetworkIsRejectedNamingTheObject() {
        try (GenerativeModel model = ModelRegistry.family("vae").create(new ImageShape(1, 28, 28), Map.of(), Device.cpu());
                PhaseLoop loop = new PhaseLoop(model, 1)) {
            Map<String, byte[]> objects = new HashMap<>(loop.snapshot(0).objects());
            objects.remove("networks/decoder.params");
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                    () -> ModelSnapshots.restore(new ModelSnapshot(objects), Device.cpu(), ModelRegistry::family));
            assertTrue(e.getMessage().contains("networks/decoder.params"), e.getMessage());
        }
    }
}
