package dev.aegan.models.wae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.aegan.models.SyntheticImages;
import dev.aegan.models.TrainingChecks;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.phase.TrainingPhase;
import dev.aegan.models.registry.ModelRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WaeTrainingTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);
    private static final Map<String, Object> SMALL = Map.of("channels", 4, "latentDim", 8);

    @Test
    void theDefaultsAreTheWaePapersMnistSetting() {
        assertEquals(Map.of("network", "wae-mnist", "reconstructionCost", "paper", "latentDim", 8, "channels", 128,
                "lambda", 10.0, "learningRate", 1e-3, "beta1", 0.5, "beta2", 0.999),
                ModelRegistry.family("wae-mmd").defaultHyperparameters());
        assertEquals(Map.of("network", "wae-mnist", "reconstructionCost", "paper", "latentDim", 8, "channels", 128,
                "lambda", 1.0, "learningRate", 1e-3, "beta1", 0.5, "beta2", 0.999, "adversaryLearningRate", 5e-4,
                "adversaryWidth", 512), ModelRegistry.family("wae-gan").defaultHyperparameters());
        try (GenerativeModel mmd = ModelRegistry.family("wae-mmd").create(MNIST, SMALL, Device.cpu());
                GenerativeModel gan = ModelRegistry.family("wae-gan").create(MNIST, SMALL, Device.cpu())) {
            assertEquals(List.of("encoder", "decoder"), List.copyOf(mmd.networks().keySet()));
            assertEquals(List.of("encoder", "decoder", "adversary"), List.copyOf(gan.networks().keySet()));
            TrainingPhase autoencoder = mmd.phases().get(0);
            assertEquals("autoencoder", autoencoder.name());
            assertEquals(List.of("encoder", "decoder"), autoencoder.networks());
            assertEquals(List.of("adversary", "autoencoder"), gan.phases().stream().map(TrainingPhase::name).toList());
            TrainingPhase adversary = gan.phases().get(0);
            assertEquals(List.of("adversary"), adversary.networks());
            assertEquals(5e-4, adversary.optimizer().learningRate());
            assertEquals(1e-3, gan.phases().get(1).optimizer().learningRate());
            assertEquals(0.5, adversary.optimizer().beta1());
        }
    }

    @Test
    void badHyperparametersAndShapesAreRejectedSayingWhatIsAllowed() {
        TrainingChecks.assertRejected(WaeFamily.mmd(), MNIST, Map.of("adversaryWidth", 64), "is not a known hyperparameter");
        TrainingChecks.assertRejected(WaeFamily.gan(), MNIST, Map.of("lambda", -1), "a number in [0.0, 1000000.0]");
        TrainingChecks.assertRejected(WaeFamily.gan(), MNIST, Map.of("adversaryLearningRate", 0), "a number in (0.0, 1.0]");
        TrainingChecks.assertShapeRejected(WaeFamily.mmd(), new ImageShape(1, 8, 8), "[16, 256]");
        TrainingChecks.assertRejected(WaeFamily.gan(), MNIST, Map.of("network", "dcgan"), "one of wae-mnist, flexae");
        TrainingChecks.assertRejected(WaeFamily.mmd(), MNIST, Map.of("reconstructionCost", "l1"),
                "one of paper, authors-code");
    }

    /** Two steps of each: finite values, the metric keys, samples and reconstructions of the image shape. */
    @Test
    void aFewStepsGiveFiniteLossesSamplesAndReconstructions() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 16, 4);
        Map<String, List<String>> keys = Map.of(
                "wae-mmd", List.of("autoencoder/loss", "autoencoder/reconstruction", "autoencoder/mmd"),
                "wae-gan", List.of("adversary/loss", "adversary/prior_logit", "adversary/code_logit", "autoencoder/loss",
                        "autoencoder/reconstruction", "autoencoder/adversarial", "autoencoder/code_logit"));
        for (String name : List.of("wae-mmd", "wae-gan")) {
            TrainingChecks.trainTwoSteps(name, MNIST, SMALL, data, (model, loop, manager, values) -> {
                assertEquals(keys.get(name), List.copyOf(values.keySet()), name);
                assertTrue(values.get("autoencoder/reconstruction") > 0);

                assertTrue(model.canReconstruct());
                TrainingChecks.assertSamplesFit(model, manager, 8);
                try (NDArray x = data.batch(manager, 0, 4)) {
                    assertEquals(MNIST.batchShape(4), model.reconstruct(x).getShape());
                }
            });
        }
    }

    /** The autoencoder phase changes encoder and decoder only, the adversary phase the adversary only. */
    @Test
    void eachPhaseUpdatesOnlyItsOwnNetworks() {
        for (String name : List.of("wae-mmd", "wae-gan")) {
            TrainingChecks.assertEachPhaseUpdatesOnlyItsNetworks(name, MNIST, SMALL, SyntheticImages.stripesAndBlobs(MNIST, 4, 2));
        }
    }

    @Test
    void snapshotsRestoreForInferenceAndResumeBitForBit() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 16, 6);
        for (String name : List.of("wae-mmd", "wae-gan")) {
            TrainingChecks.assertSnapshotsRestoreAndResumeExactly(name, MNIST, SMALL, data, 4, 2);
        }
    }
}
