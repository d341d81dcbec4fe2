package dev.aegan.models.flexae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.aegan.models.SyntheticImages;
import dev.aegan.models.TrainingChecks;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.phase.AdamSettings;
import dev.aegan.models.phase.TrainingPhase;
import dev.aegan.models.registry.ModelRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FlexAeTrainingTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);
    private static final Map<String, Object> SMALL = Map.of("channels", 2, "mlpWidth", 8, "latentDim", 4,
            "noiseDim", 5);

    @Test
    void theDefaultsAreTheAuthorsCodesFor28x28Data() {
        Map<String, Object> expected = Map.of("latentDim", 32, "noiseDim", 32, "channels", 64, "mlpWidth", 1024,
                "learningRate", 1e-4, "gradientPenalty", 10.0, "criticSteps", 5);
        assertEquals(expected, ModelRegistry.family("flexae").defaultHyperparameters());
        assertEquals(expected, ModelRegistry.family("flexae-sr").defaultHyperparameters());
    }

    /** The authors' loop, its batches and their six Adams: rate multiples, betas, and which losses share moments. */
    @Test
    void theScheduleIsTheAuthorsCodes() {
        try (GenerativeModel plain = ModelRegistry.family("flexae").create(MNIST, SMALL, Device.cpu());
                GenerativeModel smoothed = ModelRegistry.family("flexae-sr").create(MNIST, SMALL, Device.cpu())) {
            assertEquals(List.of("encoder", "decoder", "prior_generator", "latent_critic"),
                    List.copyOf(plain.networks().keySet()));
            assertEquals(List.of("encoder", "decoder", "prior_generator", "latent_critic", "image_critic"),
                    List.copyOf(smoothed.networks().keySet()));
            List<String> plainPhases = new ArrayList<>(List.of("autoencoder"));
            List<String> smoothedPhases = new ArrayList<>(List.of("autoencoder"));
            for (int k = 1; k <= 5; k++) {
                plainPhases.add("latent_critic-" + k);
                smoothedPhases.addAll(List.of("latent_critic-" + k, "image_critic-" + k));
            }
            plainPhases.addAll(List.of("prior_generator", "encoder"));
            smoothedPhases.addAll(List.of("smoothing", "prior_generator", "encoder"));
            assertEquals(plainPhases, plain.phases().stream().map(TrainingPhase::name).toList());
            assertEquals(smoothedPhases, smoothed.phases().stream().map(TrainingPhase::name).toList());
            // A fresh batch for the autoencoder and for each critic iteration; the phases after the critics
            // get the last iteration's, as the code feeds them.
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 5, 5), plain.phases().stream().map(TrainingPhase::batch).toList());
            assertEquals(List.of(0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5, 5, 5),
                    smoothed.phases().stream().map(TrainingPhase::batch).toList());

            Map<String, TrainingPhase> byName = smoothed.phases().stream()
                    .collect(Collectors.toMap(TrainingPhase::name, Function.identity()));
            assertPhase(byName.get("autoencoder"), List.of("encoder", "decoder"), 2e-4, 0.9, 0.999, "");
            assertPhase(byName.get("latent_critic-3"), List.of("latent_critic"), 1e-4, 0.0, 0.9, "");
            assertPhase(byName.get("image_critic-3"), List.of("image_critic"), 2e-4, 0.5, 0.9, "");
            assertPhase(byName.get("smoothing"), List.of("encoder", "decoder"), 2e-4, 0.5, 0.9, "smoothing");
            assertPhase(byName.get("prior_generator"), List.of("prior_generator"), 2e-4, 0.0, 0.9, "");
            assertPhase(byName.get("encoder"), List.of("encoder"), 1e-5, 0.0, 0.9, "encoder");
        }
    }

    private static void assertPhase(TrainingPhase phase, List<String> networks, double learningRate, double beta1,
            double beta2, String optimizerGroup) {
        assertEquals(networks, phase.networks(), phase.name());
        AdamSettings adam = phase.optimizer();
        assertEquals(learningRate, adam.learningRate(), 1e-15, phase.name());
        assertEquals(beta1, adam.beta1(), phase.name());
        assertEquals(beta2, adam.beta2(), phase.name());
        assertEquals(optimizerGroup, phase.optimizerGroup(), phase.name());
    }

    @Test
    void badHyperparametersAndShapesAreRejectedSayingWhatIsAllowed() {
        TrainingChecks.assertRejected(FlexAeFamily.flexAe(), MNIST, Map.of("criticSteps", 0), "an integer in [1, 100]");
        TrainingChecks.assertRejected(FlexAeFamily.flexAeSr(), MNIST, Map.of("lambda", 1), "is not a known hyperparameter");
        TrainingChecks.assertShapeRejected(FlexAeFamily.flexAe(), new ImageShape(1, 4, 28), "[8, 256]");
    }

    /**
     * Two steps of each on 1x28x28: finite values, the metric keys, no tensor left behind, one Adam
     * state per optimizer of the authors' code, samples through P-GEN (noise of m' values) and
     * reconstructions of the image shape.
     */
    @Test
    void aFewStepsGiveFiniteLossesSamplesAndReconstructions() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 16, 4);
        for (String name : List.of("flexae", "flexae-sr")) {
            TrainingChecks.trainTwoSteps(name, MNIST, SMALL, data, (model, loop, manager, values) -> {
                List<String> keys = new ArrayList<>(List.of("autoencoder/loss"));
                for (int k = 1; k <= 5; k++) {
                    for (String critic : name.equals("flexae") ? List.of("latent_critic") : List.of("latent_critic",
                            "image_critic")) {
                        for (String metric : List.of("loss", "wasserstein", "gradient_penalty", "gradient_norm")) {
                            keys.add(critic + "-" + k + "/" + metric);
                        }
                    }
                }
                if (name.equals("flexae-sr")) {
                    keys.addAll(List.of("smoothing/loss", "smoothing/interpolation_score"));
                }
                keys.addAll(List.of("prior_generator/loss", "prior_generator/prior_score", "encoder/loss",
                        "encoder/code_score"));
                assertEquals(keys, List.copyOf(values.keySet()), name);

                List<String> prefixes = loop.optimizer().keys().stream().map(key -> key.substring(0, key.indexOf('/')))
                        .distinct().sorted().toList();
                List<String> expected = new ArrayList<>(Arrays.asList("decoder", "encoder", "encoder:encoder",
                        "latent_critic", "prior_generator"));
                if (name.equals("flexae-sr")) {
                    expected.addAll(List.of("image_critic", "smoothing:decoder", "smoothing:encoder"));
                }
                assertEquals(expected.stream().sorted().toList(), prefixes, name + " Adam states");

                assertEquals(5, model.latentDim(), "sample takes P-GEN's noise, m' values");
                TrainingChecks.assertSamplesFit(model, manager, 5);
                try (NDArray x = data.batch(manager, 0, 4)) {
                    assertEquals(MNIST.batchShape(4), model.reconstruct(x).getShape());
                }
            });
        }
    }

    /** Every phase changes the networks it names and no other (critics, P-GEN and encoder alone). */
    @Test
    void eachPhaseUpdatesOnlyItsOwnNetworks() {
        TrainingChecks.assertEachPhaseUpdatesOnlyItsNetworks("flexae-sr", MNIST, Map.of("channels", 2, "mlpWidth", 8, "latentDim", 4, "noiseDim", 5, "criticSteps", 1), SyntheticImages.stripesAndBlobs(MNIST, 4, 2));
    }

    @Test
    void snapshotsRestoreForInferenceAndResumeBitForBit() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 16, 6);
        for (String name : List.of("flexae", "flexae-sr")) {
            TrainingChecks.assertSnapshotsRestoreAndResumeExactly(name, MNIST,
                    Map.of("channels", 2, "mlpWidth", 8, "latentDim", 4, "noiseDim", 5, "criticSteps", 2), data, 4, 2);
        }
    }

    @Test
    void partnersArePermutationsDrawnFromThePhaseStream() {
        int[] partners = FlexAeModel.partners(RandomStream.of(3), 9);
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8), Arrays.stream(partners).sorted().boxed().toList());
        assertTrue(Arrays.equals(partners, FlexAeModel.partners(RandomStream.of(3), 9)));
    }
}
