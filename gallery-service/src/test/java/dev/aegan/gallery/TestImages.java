package dev.aegan.gallery;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * 28 x 28 grey images for tests: Fashion-MNIST's test set when Debian's dataset-fashion-mnist is
 * installed (so screenshots show something recognisable), otherwise random bright shapes.
 */
final class TestImages {
    static final int SIDE = 28;
    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");

    private TestImages() {
    }

    /** {@code n} images, uint8 N x 1 x 28 x 28. */
    static byte[] load(int n) {
        return Files.isReadable(FASHION_MNIST) ? fashionMnist(n) : shapes(n);
    }

    private static byte[] fashionMnist(int n) {
        try (InputStream file = Files.newInputStream(FASHION_MNIST);
             DataInputStream in = new DataInputStream(new GZIPInputStream(file))) {
            if (in.readInt() != 0x803) {
                throw new IllegalStateException(FASHION_MNIST + " is not an IDX image file");
            }
            int count = in.readInt();
            if (in.readInt() != SIDE || in.readInt() != SIDE || count < n) {
                throw new IllegalStateException(FASHION_MNIST + " does not hold " + n + " images of 28 x 28");
            }
            byte[] pixels = new byte[n * SIDE * SIDE];
            in.readFully(pixels);
            return pixels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] shapes(int n) {
        Random random = new Random(5);
        byte[] pixels = new byte[n * SIDE * SIDE];
        for (int i = 0; i < n; i++) {
            int cx = 8 + random.nextInt(12);
            int cy = 8 + random.nextInt(12);
            int rx = 3 + random.nextInt(6);
            int ry = 3 + random.nextInt(6);
            int grey = 120 + random.nextInt(136);
            boolean box = random.nextBoolean();
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    double dx = (x - cx) / (double) rx;
                    double dy = (y - cy) / (double) ry;
                    boolean inside = box ? Math.abs(dx) <= 1 && Math.abs(dy) <= 1 : dx * dx + dy * dy <= 1;
                    if (inside) {
                        pixels[i * SIDE * SIDE + y * SIDE + x] = (byte) grey;
                    }
                }
            }
        }
        return pixels;
    }
}
