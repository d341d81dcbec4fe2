package dev.aegan.models.alphagan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

class AlphaGanTrainingTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);
    private static final Map<String, Object> SMALL = Map.of("channels", 4, "latentDim", 8,
            "codeDiscriminatorWidth", 16);

    @Test
    void theDefaultsAreThePapersAndEncoderAndGeneratorUpdateTwicePerDiscriminatorUpdate() {
        assertEquals(Map.of("adversarialForm", "non-saturating", "reconstructionWeight", 10.0, "latentDim", 50,
                "channels", 64, "codeDiscriminatorWidth", 750, "learningRate", 2e-4, "beta1", 0.5, "beta2", 0.9),
                ModelRegistry.family("alpha-gan").defaultHyperparameters());
        try (GenerativeModel model = ModelRegistry.family("alpha-gan").create(MNIST, SMALL, Device.cpu())) {
            assertEquals(List.of("encoder", "generator", "discriminator", "code_discriminator"),
                    List.copyOf(model.networks().keySet()));
            assertEquals(List.of("encoder-1", "generator-1", "encoder-2", "generator-2", "discriminator",
                    "code_discriminator"), model.phases().stream().map(TrainingPhase::name).toList());
            for (TrainingPhase phase : model.phases()) {
                assertEquals(List.of(phase.name().replaceAll("-\\d$", "")), phase.networks());
                assertEquals(2e-4, phase.optimizer().learningRate());
                assertEquals(0.5, phase.optimizer().beta1());
                assertEquals(0.9, phase.optimizer().beta2());
            }
        }
    }

    @Test
    void badHyperparametersAndShapesAreRejectedSayingWhatIsAllowed() {
        AlphaGanFamily family = new AlphaGanFamily();
        TrainingChecks.assertRejected(family, MNIST, Map.of("adversarialForm", "wasserstein"), "one of non-saturating, density-ratio");
        TrainingChecks.assertRejected(family, MNIST, Map.of("reconstructionWeight", -1), "a number in [0.0, 1000000.0]");
        TrainingChecks.assertShapeRejected(family, new ImageShape(1, 4, 28), "[8, 256]");
    }

    /**
     * Two steps of each form on 1x28x28 and 3x32x32: finite values, the metric keys, no tensor left
     * behind, samples and reconstructions of the image shape in [-1, 1].
     */
    @Test
    void aFewStepsGiveFiniteLossesSamplesAndReconstructions() {
        for (String form : List.of("non-saturating", "density-ratio")) {
            for (ImageShape shape : List.of(MNIST, CIFAR)) {
                trainTwoSteps(shape, form);
            }
        }
    }

    private static void trainTwoSteps(ImageShape shape, String form) {
        Map<String, Object> hyperparameters = Map.of("channels", 4, "latentDim", 8, "codeDiscriminatorWidth", 16,
                "adversarialForm", form);
        SyntheticImages data = SyntheticImages.stripesAndBlobs(shape, 16, 4);
        TrainingChecks.trainTwoSteps("alpha-gan", shape, hyperparameters, data, (model, loop, manager, values) -> {
            assertEquals(List.of("encoder-1/loss", "encoder-1/reconstruction", "encoder-1/code_logit",
                    "generator-1/loss", "generator-1/reconstruction", "generator-1/reconstruction_logit",
                    "generator-1/sample_logit", "encoder-2/loss", "encoder-2/reconstruction", "encoder-2/code_logit",
                    "generator-2/loss", "generator-2/reconstruction", "generator-2/reconstruction_logit",
                    "generator-2/sample_logit", "discriminator/loss", "discriminator/real_logit",
                    "discriminator/reconstruction_logit", "discriminator/sample_logit", "code_discriminator/loss",
                    "code_discriminator/prior_logit", "code_discriminator/code_logit"), List.copyOf(values.keySet()));
            // The second encoder update sees the reconstructions of the first generator update.
            assertNotEquals(values.get("encoder-1/reconstruction"), values.get("encoder-2/reconstruction"));

            TrainingChecks.assertSamplesFit(model, manager, 8);
            try (NDArray x = data.batch(manager, 0, 4)) {
                assertEquals(shape.batchShape(4), model.reconstruct(x).getShape());
            }
        });
    }

    /** Each of the six phases changes the one network it is named after and no other. */
    @Test
    void eachPhaseUpdatesOnlyItsOwnNetwork() {
        TrainingChecks.assertEachPhaseUpdatesOnlyItsNetworks("alpha-gan", MNIST, SMALL, SyntheticImages.stripesAndBlobs(MNIST, 4, 2));
    }

    @Test
    void snapshotsRestoreForInferenceAndResumeBitForBit() {
        TrainingChecks.assertSnapshotsRestoreAndResumeExactly("alpha-gan", MNIST, SMALL,
                SyntheticImages.stripesAndBlobs(MNIST, 16, 6), 4, 2);
    }
}
