package dev.aegan.critic.judge;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.core.OwnedArrays;
import dev.aegan.models.phase.AdamSettings;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndependentCriticTest {
    private static final ImageShape SHAPE = new ImageShape(1, 16, 16);
    private static final AdamSettings ADAM = new AdamSettings(1e-3, 0.5, 0.9);

    /** "Data": one bright Gaussian bump per image at a random place, on a dark background. */
    private static NDArray bumps(NDManager manager, RandomStream random, int n) {
        float[] pixels = new float[n * 256];
        for (int i = 0; i < n; i++) {
            double cy = 4 + random.nextDouble() * 8;
            double cx = 4 + random.nextDouble() * 8;
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 16; x++) {
                    double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                    pixels[i * 256 + y * 16 + x] = (float) (2 * Math.exp(-d2 / 8) - 1);
                }
            }
        }
        return OwnedArrays.of(manager, pixels, new Shape(n, 1, 16, 16));
    }

    private static void train(IndependentCritic critic, NDArray real, NDArray fake, int updates, long from) {
        for (int u = 0; u < updates; u++) {
            long offset = (from + u) * 32 % (real.getShape().get(0) - 32);
            critic.update(real.get(offset + ":" + (offset + 32)), fake.get(offset + ":" + (offset + 32)),
                    RandomStream.of(5, from + u));
        }
    }

    @Test
    void theEstimateIsLargeAgainstNoiseAndNearZeroBetweenTwoHalvesOfTheSameData() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             IndependentCritic againstNoise = IndependentCritic.create(SHAPE, 8, ADAM, 10f, 1);
             IndependentCritic againstData = IndependentCritic.create(SHAPE, 8, ADAM, 10f, 1)) {
            NDArray fit = bumps(manager, RandomStream.of(1), 512);
            NDArray test = bumps(manager, RandomStream.of(2), 512);
            NDArray moreData = bumps(manager, RandomStream.of(3), 512);
            NDArray noise = RandomStream.of(4).uniform(manager, new Shape(512, 1, 16, 16), -1, 1);
            train(againstNoise, fit, noise, 60, 0);
            train(againstData, fit, moreData, 60, 0);
            double noiseDistance = againstNoise.wassersteinEstimate(test, noise);
            double dataDistance = againstData.wassersteinEstimate(test, moreData);
            assertTrue(noiseDistance > 1.0, "data vs noise: " + noiseDistance);
            assertTrue(Math.abs(dataDistance) < noiseDistance / 10,
                    "data vs data: " + dataDistance + ", data vs noise: " + noiseDistance);
        }
    }

    @Test
    void aSavedAndRestoredCriticContinuesExactlyAsOneThatNeverStopped() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             IndependentCritic uninterrupted = IndependentCritic.create(SHAPE, 8, ADAM, 10f, 7);
             IndependentCritic first = IndependentCritic.create(SHAPE, 8, ADAM, 10f, 7)) {
            NDArray real = bumps(manager, RandomStream.of(1), 256);
            NDArray fake = RandomStream.of(4).uniform(manager, new Shape(256, 1, 16, 16), -1, 1);
            train(uninterrupted, real, fake, 20, 0);
            train(first, real, fake, 10, 0);
            try (IndependentCritic resumed = IndependentCritic.restore(SHAPE, 8, ADAM, 10f, first.parameters(),
                    first.optimizerState(), first.updates())) {
                train(resumed, real, fake, 10, 10);
                assertTrue(resumed.updates() == 20);
                assertArrayEquals(uninterrupted.parameters(), resumed.parameters(),
                        "parameters differ after resuming; first bytes " + Arrays.toString(
                                Arrays.copyOf(resumed.parameters(), 8)));
            }
        }
    }
}
