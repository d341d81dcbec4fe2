package dev.aegan.models.idvae;

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
import dev.aegan.models.TrainingChecks;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.phase.TrainingPhase;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.training.PhaseLoop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdvaeTrainingTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);
    private static final Map<String, Object> SMALL = Map.of("channels", 4, "latentDim", 8);
    private static final List<String> FAMILIES = List.of("idvae", "idvae-r", "c-idvae");

    private static Map<String, Object> small(String family) {
        return family.equals("c-idvae") ? Map.of("channels", 4, "latentDim", 8, "classes", 2) : SMALL;
    }

    /** Algorithm 1: shared + discriminator, shared + encoder, decoder; the trunk keeps one Adam state per loss. */
    @Test
    void theScheduleIsAlgorithmOnesThreeUpdates() {
        Map<String, Object> defaults = Map.of("latentDim", 128, "channels", 64, "reconstructionWeight", 1.0,
                "priorWeight", 1.0, "adversarialWeight", 1.0, "featureReconstructionWeight", 1.0, "learningRate", 2e-4,
                "beta1", 0.5, "beta2", 0.999);
        assertEquals(defaults, ModelRegistry.family("idvae").defaultHyperparameters());
        assertEquals(defaults, ModelRegistry.family("idvae-r").defaultHyperparameters());
        Map<String, Object> conditional = new LinkedHashMap<>(Map.of("classes", 10));
        conditional.putAll(defaults);
        assertEquals(conditional, ModelRegistry.family("c-idvae").defaultHyperparameters());
        try (GenerativeModel model = ModelRegistry.family("idvae").create(MNIST, SMALL, Device.cpu())) {
            assertEquals(List.of("shared", "encoder_head", "discriminator_head", "decoder"),
                    List.copyOf(model.networks().keySet()));
            List<TrainingPhase> phases = model.phases();
            assertEquals(List.of("discriminator", "encoder", "decoder"), phases.stream().map(TrainingPhase::name).toList());
            assertEquals(List.of("shared", "discriminator_head"), phases.get(0).networks());
            assertEquals(List.of("shared", "encoder_head"), phases.get(1).networks());
            assertEquals(List.of("decoder"), phases.get(2).networks());
            assertEquals(List.of("discriminator", "encoder", ""),
                    phases.stream().map(TrainingPhase::optimizerGroup).toList());
        }
    }

    @Test
    void badHyperparametersAndShapesAreRejectedSayingWhatIsAllowed() {
        TrainingChecks.assertRejected(IdvaeFamily.idvae(), MNIST, Map.of("priorWeight", -1), "a number in [0.0, 1000000.0]");
        TrainingChecks.assertShapeRejected(IdvaeFamily.idvaeR(), new ImageShape(1, 4, 28), "[8, 256]");
    }

    /**
     * Two steps of each on 1x28x28 and 3x32x32: finite values, the metric keys (IDVAE(R)'s decoder
     * reports its pixel term), no tensor left behind, samples and reconstructions of the image shape.
     */
    @Test
    void aFewStepsGiveFiniteLossesSamplesAndReconstructions() {
        for (String name : FAMILIES) {
            for (ImageShape shape : List.of(MNIST, CIFAR)) {
                SyntheticImages data = SyntheticImages.stripesAndBlobs(shape, 16, 4);
                TrainingChecks.trainTwoSteps(name, shape, small(name), data, (model, loop, manager, values) -> {
                    List<String> keys = new ArrayList<>(List.of("discriminator/loss", "discriminator/real_logit",
                            "discriminator/sample_logit", "discriminator/reconstruction_logit", "encoder/loss",
                            "encoder/reconstruction", "encoder/kl", "decoder/loss", "decoder/adversarial",
                            "decoder/feature_reconstruction"));
                    if (name.equals("idvae-r")) {
                        keys.add("decoder/reconstruction");
                    }
                    keys.addAll(List.of("decoder/sample_logit", "decoder/reconstruction_logit"));
                    assertEquals(keys, List.copyOf(values.keySet()), name);
                    assertTrue(loop.optimizer().keys().stream().anyMatch(k -> k.startsWith("discriminator:shared/")));
                    assertTrue(loop.optimizer().keys().stream().anyMatch(k -> k.startsWith("encoder:shared/")));

                    TrainingChecks.assertSamplesFit(model, manager, 8);
                    try (NDArray x = data.batch(manager, 0, 4)) {
                        assertEquals(shape.batchShape(4), model.reconstruct(x, data.labels(0, 4)).getShape());
                    }
                });
            }
        }
    }

    /**
     * The discriminator and encoder updates change the shared trunk and their own head only (never
     * the other head or the decoder); the decoder update changes the decoder only.
     */
    @Test
    void eachPhaseUpdatesOnlyItsOwnNetworks() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 4, 2);
        for (String name : FAMILIES) {
            TrainingChecks.assertEachPhaseUpdatesOnlyItsNetworks(name, MNIST, small(name), data);
        }
    }

    @Test
    void snapshotsRestoreForInferenceAndResumeBitForBit() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 16, 6);
        for (String name : FAMILIES) {
            TrainingChecks.assertSnapshotsRestoreAndResumeExactly(name, MNIST, small(name), data, 4, 2);
        }
    }

    /**
     * C-IDVAE: the label decides the sample (the same code under two classes gives two images), a
     * sample of row r is that of class r mod classes, and a loop or reconstruction without labels, or
     * with a label outside the classes, is refused saying so.
     */
    @Test
    void theConditionalModelIsSteeredByLabelsAndRefusesToGoWithout() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 4, 2);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                GenerativeModel model = ModelRegistry.family("c-idvae").create(MNIST, small("c-idvae"), Device.cpu());
                PhaseLoop loop = new PhaseLoop(model, 1);
                NDArray batch = data.all(manager)) {
            assertEquals(2, model.classes());
            NDArray z = RandomStream.of(3).normal(manager, new Shape(1, 8)).repeat(0, 4);
            float[] cycled = model.sample(z).toFloatArray();
            assertArrayEquals(model.sample(z, new int[] {0, 1, 0, 1}).toFloatArray(), cycled);
            float[] flipped = model.sample(z, new int[] {1, 0, 1, 0}).toFloatArray();
            int per = MNIST.pixelsPerImage();
            assertFalse(Arrays.equals(Arrays.copyOfRange(cycled, 0, per), Arrays.copyOfRange(flipped, 0, per)));
            assertArrayEquals(Arrays.copyOfRange(cycled, 0, per), Arrays.copyOfRange(flipped, per, 2 * per));

            IllegalArgumentException noLabels = assertThrows(IllegalArgumentException.class, () -> loop.step(batch));
            assertTrue(noLabels.getMessage().contains("needs one label per image"), noLabels.getMessage());
            IllegalArgumentException unlabelled = assertThrows(IllegalArgumentException.class,
                    () -> loop.step(batch, new int[] {0, 1, -1, 0}));
            assertTrue(unlabelled.getMessage().contains("unlabelled"), unlabelled.getMessage());
            assertThrows(IllegalArgumentException.class, () -> loop.step(batch, new int[] {0, 1, 2, 0}));
            assertEquals(0, loop.completedSteps());
            assertThrows(IllegalArgumentException.class, () -> model.reconstruct(batch));
            loop.step(batch, data.labels(0, 4));
            assertEquals(1, loop.completedSteps());
        }
    }
}
