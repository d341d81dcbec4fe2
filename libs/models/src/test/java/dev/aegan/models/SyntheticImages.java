package dev.aegan.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.Pixels;
import java.util.SplittableRandom;

/** Small deterministic image sets for tests: stripes of random orientation, period and phase, and blobs. */
public final class SyntheticImages {

    private final ImageShape shape;
    private final byte[] pixels;
    private final int count;

    private SyntheticImages(ImageShape shape, byte[] pixels, int count) {
        this.shape = shape;
        this.pixels = pixels;
        this.count = count;
    }

    /** {@code count} images, alternating stripes and Gaussian blobs, each channel a scaled copy. */
    public static SyntheticImages stripesAndBlobs(ImageShape shape, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int plane = shape.height() * shape.width();
        byte[] pixels = new byte[count * shape.pixelsPerImage()];
        for (int n = 0; n < count; n++) {
            double[] intensity = new double[plane];
            if (n % 2 == 0) {
                boolean vertical = random.nextBoolean();
                int period = 4 + random.nextInt(5);
                double phase = random.nextDouble() * period;
                for (int y = 0; y < shape.height(); y++) {
                    for (int x = 0; x < shape.width(); x++) {
                        double t = (vertical ? x : y) + phase;
                        intensity[y * shape.width() + x] = 0.5 + 0.5 * Math.sin(2 * Math.PI * t / period);
                    }
                }
            } else {
                double cy = 4 + random.nextDouble() * (shape.height() - 8);
                double cx = 4 + random.nextDouble() * (shape.width() - 8);
                double sigma = 2 + random.nextDouble() * 2;
                for (int y = 0; y < shape.height(); y++) {
                    for (int x = 0; x < shape.width(); x++) {
                        double d2 = (y - cy) * (y - cy) + (x - cx) * (x - cx);
                        intensity[y * shape.width() + x] = Math.exp(-d2 / (2 * sigma * sigma));
                    }
                }
            }
            for (int c = 0; c < shape.channels(); c++) {
                double gain = 1.0 - 0.25 * c;
                int offset = n * shape.pixelsPerImage() + c * plane;
                for (int i = 0; i < plane; i++) {
                    pixels[offset + i] = (byte) Math.round(255 * gain * intensity[i]);
                }
            }
        }
        return new SyntheticImages(shape, pixels, count);
    }

    public int count() {
        return count;
    }

    /** Classes of images {@code first, first+1, ...} (wrapping around as {@link #batch} does): 0 stripes, 1 blobs. */
    public int[] labels(int first, int size) {
        int[] labels = new int[size];
        for (int i = 0; i < size; i++) {
            labels[i] = Math.floorMod(first + i, count) % 2;
        }
        return labels;
    }

    /** All images as one float32 tensor in [-1, 1]. */
    public NDArray all(NDManager manager) {
        return Pixels.toTensor(manager, pixels, count, shape);
    }

    /** Images {@code first, first+1, ...} (wrapping around), a deterministic batch. */
    public NDArray batch(NDManager manager, int first, int size) {
        int per = shape.pixelsPerImage();
        byte[] slice = new byte[size * per];
        for (int i = 0; i < size; i++) {
            int n = Math.floorMod(first + i, count);
            System.arraycopy(pixels, n * per, slice, i * per, per);
        }
        return Pixels.toTensor(manager, slice, size, shape);
    }
}
