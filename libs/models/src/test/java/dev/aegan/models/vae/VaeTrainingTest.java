package dev.aegan.models.vae;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aegan.models.SyntheticImages;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.training.PhaseLoop;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VaeTrainingTest {

    private static final ImageShape SHAPE = new ImageShape(1, 16, 16);

    /** 200 steps of batch 16 with the default hyperparameters, on 64 images of stripes and blobs. */
    @Test
    void trainingReducesReconstructionErrorFarBelowWhatIgnoringTheInputAllows() {
        SyntheticImages data = SyntheticImages.stripesAndBlobs(SHAPE, 64, 7);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
                GenerativeModel model = ModelRegistry.family("vae").create(SHAPE, Map.of(), Device.cpu());
                PhaseLoop loop = new PhaseLoop(model, 11)) {
            model.initialize(11);
            NDArray images = data.all(manager);
            double before = reconstructionMse(model, images);
            // The best any input-independent output can do: the per-pixel mean image.
            double meanImage;
            try (NDArray mean = images.mean(new int[] {0}, true); NDArray diff = images.sub(mean)) {
                meanImage = diff.square().mean().getFloat();
            }

            double firstLosses = 0;
            double lastLosses = 0;
            int steps = 200;
            for (int step = 0; step < steps; step++) {
                Map<String, Float> values;
                try (NDArray batch = data.batch(manager, step * 16, 16)) {
                    values = loop.step(batch);
                }
                if (step < 10) {
                    firstLosses += values.get("vae/reconstruction");
                } else if (step >= steps - 10) {
                    lastLosses += values.get("vae/reconstruction");
                }
            }
            double after = reconstructionMse(model, images);
            System.out.printf("VAE 16x16: recon MSE before %.4f, after %.4f, mean-image %.4f; train recon %.1f -> %.1f%n",
                    before, after, meanImage, firstLosses / 10, lastLosses / 10);

            // Broken training stays near `before`; a VAE whose decoder ignores z (posterior collapse)
            // reaches at best the mean image. Measured here: 0.565 -> 0.093 (mean image 0.430).
            assertTrue(after < 0.5 * meanImage,
                    "reconstruction MSE " + after + " should beat the mean image (" + meanImage + ") by 2x");
            assertTrue(after < 0.4 * before, "reconstruction MSE " + after + " should fall below 40% of " + before);
            assertTrue(lastLosses < 0.6 * firstLosses,
                    "training reconstruction loss should fall by 40%: " + firstLosses / 10 + " -> " + lastLosses / 10);
        }
    }

    private static double reconstructionMse(GenerativeModel model, NDArray images) {
        try (NDArray reconstructed = model.reconstruct(images); NDArray diff = reconstructed.sub(images)) {
            return diff.square().mean().getFloat();
        }
    }
}
