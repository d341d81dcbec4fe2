package dev.aegan.models.wgan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.aegan.models.SyntheticImages;
import dev.aegan.models.TrainingChecks;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.phase.TrainingPhase;
import dev.aegan.models.registry.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WganTrainingTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);
    private static final Map<String, Object> SMALL = Map.of("channels", 4, "latentDim", 8);

    @Test
    void theDefaultsAreAlgorithmOnesAndTheScheduleIsNCriticCriticUpdatesOnFreshBatchesThenOneGeneratorUpdate() {
        WganFamily family = (WganFamily) ModelRegistry.family("wgan-gp");
        assertEquals(Map.of("latentDim", 128, "channels", 64, "learningRate", 1e-4, "beta1", 0.0, "beta2", 0.9,
                "gradientPenalty", 10.0, "criticSteps", 5), family.defaultHyperparameters());
        try (GenerativeModel model = family.create(MNIST, SMALL, Device.cpu())) {
            List<String> names = model.phases().stream().map(TrainingPhase::name).toList();
            assertEquals(List.of("critic-1", "critic-2", "critic-3", "critic-4", "critic-5", "generator"), names);
            // Algorithm 1 draws a fresh real batch for every critic update; the generator draws only z.
            assertEquals(List.of(0, 1, 2, 3, 4, 4), model.phases().stream().map(TrainingPhase::batch).toList());
            for (TrainingPhase phase : model.phases()) {
                assertEquals(List.of(phase.name().equals("generator") ? "generator" : "critic"), phase.networks());
                assertEquals(1e-4, phase.optimizer().learningRate());
                assertEquals(0.0, phase.optimizer().beta1());
                assertEquals(0.9, phase.optimizer().beta2());
            }
            assertEquals(List.of("generator", "critic"), List.copyOf(model.networks().keySet()));
        }
    }

    @Test
    void badHyperparametersAndShapesAreRejectedSayingWhatIsAllowed() {
        WganFamily family = new WganFamily();
        TrainingChecks.assertRejected(family, MNIST, Map.of("criticSteps", 0), "an integer in [1, 100]");
        TrainingChecks.assertRejected(family, MNIST, Map.of("gradientPenalty", -1), "a number in [0.0, 1000000.0]");
        TrainingChecks.assertRejected(family, MNIST, Map.of("lambda", 1), "gradientPenalty");
        TrainingChecks.assertShapeRejected(family, new ImageShape(1, 4, 28), "[8, 256]");
    }

    /** Two steps on 1x28x28 and 3x32x32: finite values, the metric keys, samples in range, no tensor left behind. */
    @Test
    void aFewStepsGiveFiniteLossesAndSamplesOfTheImageShape() {
        for (ImageShape shape : List.of(MNIST, CIFAR)) {
            SyntheticImages data = SyntheticImages.stripesAndBlobs(shape, 16, 4);
            TrainingChecks.trainTwoSteps("wgan-gp", shape, SMALL, data, (model, loop, manager, values) -> {
                List<String> expected = new ArrayList<>();
                for (int k = 1; k <= 5; k++) {
                    for (String metric : List.of("loss", "wasserstein", "gradient_penalty", "gradient_norm")) {
                        expected.add("critic-" + k + "/" + metric);
                    }
                }
                expected.addAll(List.of("generator/loss", "generator/fake_score"));
                assertEquals(expected, List.copyOf(values.keySet()));
                // Each critic phase draws its own fakes: the five losses of a step differ.
                assertNotEquals(values.get("critic-1/loss"), values.get("critic-2/loss"));
                assertTrue(values.get("critic-5/gradient_penalty") >= 0);

                TrainingChecks.assertSamplesFit(model, manager, 8);
            });
        }
    }

    @Test
    void aGanSaysItCannotReconstructAndRefusesTo() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                GenerativeModel model = ModelRegistry.family("wgan-gp").create(MNIST, SMALL, Device.cpu())) {
            assertFalse(model.canReconstruct());
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> model.reconstruct(manager.zeros(MNIST.batchShape(1))));
            assertTrue(e.getMessage().contains("cannot reconstruct"), e.getMessage());
        }
    }

    /** Critic phases change only the critic, the generator phase only the generator. */
    @Test
    void eachPhaseUpdatesOnlyItsOwnNetwork() {
        TrainingChecks.assertEachPhaseUpdatesOnlyItsNetworks("wgan-gp", MNIST, SMALL, SyntheticImages.stripesAndBlobs(MNIST, 4, 2));
    }

    @Test
    void snapshotsRestoreForSamplingAndResumeBitForBit() {
        TrainingChecks.assertSnapshotsRestoreAndResumeExactly("wgan-gp", MNIST, Map.of("channels", 4, "latentDim", 8,
                "criticSteps", 2), SyntheticImages.stripesAndBlobs(MNIST, 16, 6), 4, 2);
    }
}
