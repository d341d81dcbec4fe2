package dev.aegan.models.ijae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.SyntheticImages;
import dev.aegan.models.TrainingChecks;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IjaeTrainingTest {

    private static final ImageShape MNIST = new ImageShape(1, 28, 28);
    private static final Map<String, Object> SMALL = Map.of("channels", 8, "latentDim", 8, "noiseDim", 8, "lambda", 0.5);
    private static final List<String> FAMILIES = List.of("lambda-ijae", "lambda-ijae-l1", "lambda-ijae-l2");

    @Test
    void aFewStepsGiveFiniteLossesForEveryPhaseAndTheRightShapes() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 16, 4);
        for (String name : FAMILIES) {
            TrainingChecks.trainTwoSteps(name, MNIST, SMALL, data, (model, loop, manager, values) -> {
                assertTrue(manager.getManagedArrays().isEmpty());
                List<String> expected = new ArrayList<>(List.of("d_psi/loss", "d_psi/real_logit", "d_psi/fake_logit"));
                if (name.equals("lambda-ijae")) {
                    expected.addAll(List.of("d_tau/loss", "d_tau/real_logit", "d_tau/fake_logit"));
                }
                expected.addAll(List.of("d_zeta/loss", "d_zeta/prior_logit", "d_zeta/posterior_logit", "generator/loss",
                        "generator/sample_logit"));
                String reconstruction = name.equals("lambda-ijae") ? "reconstruction_logit" : "reconstruction";
                expected.addAll(List.of("generator/" + reconstruction, "encoder/loss", "encoder/" + reconstruction,
                        "encoder/code_logit"));
                assertEquals(expected, List.copyOf(values.keySet()), name);
                // Discriminator losses are binary cross-entropies of two classes: positive, near log 4 early on.
                assertTrue(values.get("d_psi/loss") > 0 && values.get("d_zeta/loss") > 0);
                assertEquals(2, loop.completedSteps());

                NDArray z = RandomStream.of(9).normal(manager, new Shape(4, 8));
                NDArray samples = model.sample(z);
                assertEquals(MNIST.batchShape(4), samples.getShape());
                assertTrue(samples.abs().max().getFloat() <= 1f);
                try (NDArray x = data.batch(manager, 0, 4)) {
                    assertEquals(MNIST.batchShape(4), model.reconstruct(x).getShape());
                }
            });
        }
    }

    /**
     * A discriminator step must not move a generator or encoder weight, and the reverse (batch-norm
     * running statistics are buffers, left out).
     */
    @Test
    void eachPhaseUpdatesOnlyItsOwnNetwork() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(MNIST, 8, 2);
        for (String name : List.of("lambda-ijae", "lambda-ijae-l1")) {
            TrainingChecks.assertEachPhaseUpdatesOnlyItsNetworks(name, MNIST, SMALL, data);
        }
    }

    /** A snapshot after two steps restores a model that samples, reconstructs and trains on exactly as the original. */
    @Test
    void snapshotsRestoreForInferenceAndResumeBitForBit() {
        TrainingChecks.assertSnapshotsRestoreAndResumeExactly(IjaeFamily.IMPLICIT, MNIST, SMALL,
                SyntheticImages.stripesAndBlobs(MNIST, 16, 6), 4, 2);
    }
}
