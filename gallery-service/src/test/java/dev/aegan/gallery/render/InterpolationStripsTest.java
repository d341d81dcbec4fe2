package dev.aegan.gallery.render;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ClassCycle;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.Pixels;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.registry.ModelRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every family's strips: their shape, their ends (the originals, then the decoded codes of the pair,
 * which are the reconstructions and the samples the other grids show), and the same pixels each time.
 */
class InterpolationStripsTest {
    private static final ImageShape SHAPE = new ImageShape(1, 28, 28);
    private static final int PAIRS = 3;
    private static final int STEPS = 6;
    private static final long SEED = 20240601;
    private static final int SIZE = SHAPE.pixelsPerImage();

    static Iterable<String> families() {
        return ModelRegistry.names();
    }

    @ParameterizedTest
    @MethodSource("families")
    void priorStripsRunFromOnePriorSampleToTheOtherTheSameEachTime(String family) throws IOException {
        InterpolationStrips strips = new InterpolationStrips(PAIRS, STEPS);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             GenerativeModel model = model(family)) {
            byte[] pixels = strips.prior(model, manager, SEED);
            assertEquals(PAIRS * STEPS * SIZE, pixels.length);
            assertArrayEquals(pixels, strips.prior(model, manager, SEED), "a second render draws the same strips");

            int[] labels = model.classes() > 0 ? ClassCycle.rows(0, PAIRS, model.classes()) : null;
            int[] endLabels = labels == null ? null : new int[] {labels[0], labels[0], labels[1], labels[1], labels[2],
                    labels[2]};
            byte[] samples;
            try (NDArray noise = RandomStream.of(SEED).normal(manager, new Shape(2 * PAIRS, model.latentDim()));
                 NDArray images = model.sample(noise, endLabels)) {
                samples = Pixels.toBytes(images);
            }
            for (int p = 0; p < PAIRS; p++) {
                assertNear(tile(samples, 2 * p), tile(pixels, p * STEPS), family + " strip " + p + " starts at sample "
                        + 2 * p);
                assertNear(tile(samples, 2 * p + 1), tile(pixels, p * STEPS + STEPS - 1), family + " strip " + p
                        + " ends at sample " + (2 * p + 1));
            }
            byte[] png = new ImageGrid(56).grid(pixels, PAIRS * STEPS, SHAPE, STEPS);
            BufferedImage grid = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals(2 + STEPS * (56 + 2), grid.getWidth(), "one strip per row");
            assertEquals(2 + PAIRS * (56 + 2), grid.getHeight());
        }
    }

    @ParameterizedTest
    @MethodSource("families")
    void heldOutStripsRunBetweenTheOriginalsThroughTheirDecodedCodes(String family) {
        InterpolationStrips strips = new InterpolationStrips(PAIRS, STEPS);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
             GenerativeModel model = model(family)) {
            if (!model.canReconstruct()) {
                return; // no codes of images: the renderer says so and shows the prior strips
            }
            DatasetImages images = heldOut(12);
            List<int[]> pairs = strips.heldOutPairs(images, model.classes() > 0);
            assertEquals(PAIRS, pairs.size());
            byte[] pixels = strips.heldOut(model, manager, images, pairs);
            int length = strips.heldOutLength();
            assertEquals(STEPS + 2, length);
            assertEquals(PAIRS * length * SIZE, pixels.length);
            assertArrayEquals(pixels, strips.heldOut(model, manager, images, pairs), "a second render draws the same");
            byte[] reconstructions = reconstructions(model, manager, images);
            for (int p = 0; p < PAIRS; p++) {
                int a = pairs.get(p)[0];
                int b = pairs.get(p)[1];
                if (model.classes() > 0) {
                    assertEquals(images.labels()[a], images.labels()[b], "a conditional model's pair is of one class");
                }
                assertArrayEquals(images.pixelsOf(a, 1), tile(pixels, p * length), "the left original");
                assertArrayEquals(images.pixelsOf(b, 1), tile(pixels, p * length + length - 1), "the right original");
                assertNear(tile(reconstructions, a), tile(pixels, p * length + 1),
                        family + ": the first decoded code is the left original's reconstruction in the reconstruction grid");
                assertNear(tile(reconstructions, b), tile(pixels, p * length + STEPS),
                        family + ": the last decoded code is the right original's reconstruction");
            }
        }
    }

    private static GenerativeModel model(String family) {
        GenerativeModel model = ModelRegistry.family(family).create(SHAPE, Map.of(), Device.cpu());
        model.initialize(3);
        return model;
    }

    private static DatasetImages heldOut(int n) {
        byte[] pixels = new byte[n * SIZE];
        new Random(5).nextBytes(pixels);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return new DatasetImages("strips", Split.HELDOUT, 1, 28, 28, pixels, labels);
    }

    /** The reconstruction grid's tiles: every image reconstructed, in order. */
    private static byte[] reconstructions(GenerativeModel model, NDManager manager, DatasetImages images) {
        try (NDArray x = Pixels.toTensor(manager, images.pixels(), images.count(), SHAPE);
             NDArray y = model.reconstruct(x, images.labels())) {
            return Pixels.toBytes(y);
        }
    }

    private static byte[] tile(byte[] pixels, int index) {
        return Arrays.copyOfRange(pixels, index * SIZE, (index + 1) * SIZE);
    }

    /** Equal up to one grey level: a code decoded in a larger batch may round its last bit differently. */
    private static void assertNear(byte[] expected, byte[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            int difference = Math.abs((expected[i] & 0xFF) - (actual[i] & 0xFF));
            assertTrue(difference <= 1, what + ": pixel " + i + " differs by " + difference);
        }
    }
}
