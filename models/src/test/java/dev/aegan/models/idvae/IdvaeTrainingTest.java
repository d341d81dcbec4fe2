package dev.aegan.models.idvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.GenerativeModel;
import dev.aegan.models.ImageShape;
import dev.aegan.models.InvalidHyperparameterException;
import dev.aegan.models.ModelRegistry;
import dev.aegan.models.RandomStream;
import dev.aegan.models.SyntheticImages;
import dev.aegan.models.TrainingChecks;
import dev.aegan.models.UnsupportedImageShapeException;
import dev.aegan.models.training.PhaseLoop;
import dev.aegan.models.training.TrainingPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdvaeTrainingTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);
    private static final Map<String, Object> SMALL = Map.of("channels", 4, "latentDim", 8);

    /** Algorithm 1: shared + discriminator, shared + encoder, decoder; the trunk keeps one Adam state per loss. */
    @Test
    void theScheduleIsAlgorithmOnesThreeUpdates() {
        Map<String, Object> defaults = Map.of("latentDim", 128, "channels", 64, "reconstructionWeight", 1.0,
                "priorWeight", 1.0, "adversarialWeight", 1.0, "featureReconstructionWeight", 1.0, "learningRate", 2e-4,
                "beta1", 0.5, "beta2", 0.999);
        assertEquals(defaults, ModelRegistry.family("idvae").defaultHyperparameters());
        assertEquals(defaults, ModelRegistry.family("idvae-r").defaultHyperparameters());
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
        InvalidHyperparameterException e = assertThrows(InvalidHyperparameterException.class,
                () -> IdvaeFamily.idvae().resolve(MNIST, Map.of("priorWeight", -1)));
        assertTrue(e.getMessage().contains("a number in [0.0, 1000000.0]"), e.getMessage());
        UnsupportedImageShapeException s = assertThrows(UnsupportedImageShapeException.class,
                () -> IdvaeFamily.idvaeR().resolve(new ImageShape(1, 4, 28), Map.of()));
        assertTrue(s.getMessage().contains("[8, 256]"), s.getMessage());
    }

    /**
     * Two steps of each on 1x28x28 and 3x32x32: finite values, the metric keys (IDVAE(R)'s decoder
     * reports its pixel term), no tensor left behind, samples and reconstructions of the image shape.
     */
    @Test
    void aFewStepsGiveFiniteLossesSamplesAndReconstructions() {
        for (String name : List.of("idvae", "idvae-r")) {
            for (ImageShape shape : List.of(MNIST, CIFAR)) {
                SyntheticImages data = SyntheticImages.stripesAndBlobs(shape, 16, 4);
                try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                        GenerativeModel model = ModelRegistry.family(name).create(shape, SMALL, Device.cpu());
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

                    NDArray samples = model.sample(RandomStream.of(9).normal(manager, new Shape(4, 8)));
                    assertEquals(shape.batchShape(4), samples.getShape());
                    assertTrue(samples.abs().max().getFloat() <= 1f);
                    try (NDArray x = data.batch(manager, 0, 4)) {
                        assertEquals(shape.batchShape(4), model.reconstruct(x).getShape());
                    }
                }
            }
        }
    }

    /**
     * The discriminator and encoder updates change the shared trunk and their own head only (never
     * the other head or the decoder); the decoder update changes the decoder only.
     */
    @Test
    void eachPhaseUpdatesOnlyItsOwnNetworks() {
        for (String name : List.of("idvae", "idvae-r")) {
            try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                    GenerativeModel model = ModelRegistry.family(name).create(MNIST, SMALL, Device.cpu());
                    NDArray batch = SyntheticImages.stripesAndBlobs(MNIST, 4, 2).all(manager)) {
                TrainingChecks.assertEachPhaseUpdatesOnlyItsNetworks(model, batch);
            }
        }
    }

    @Test
    void snapshotsRestoreForInferenceAndResumeBitForBit() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 16, 6);
        for (String name : List.of("idvae", "idvae-r")) {
            TrainingChecks.assertSnapshotsRestoreAndResumeExactly(name, MNIST, SMALL, data, 4, 2);
        }
    }
}
