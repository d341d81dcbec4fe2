package dev.aegan.evaluation.images;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.evaluation.UnitIntervalImages;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.OwnedArrays;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * {@code count} images as the models see them: N x C x H x W floats in [-1, 1] (a model's output
 * may stray outside; {@link #toUnitInterval()} clips). Held in Java memory, so a set of 10,000
 * samples outlives the tensors that produced it.
 */
public record Images(ImageShape shape, int count, float[] values) {

    public Images {
        if ((long) count * shape.pixelsPerImage() != values.length) {
            throw new IllegalArgumentException(count + " images of " + shape + " need "
                    + (long) count * shape.pixelsPerImage() + " values, got " + values.length);
        }
    }

    /** uint8 pixels mapped as {@code Pixels.toTensor} does: {@code x / 127.5 - 1}. */
    public static Images fromDataset(DatasetImages images) {
        return fromDataset(images, IntStream.range(0, images.count()).toArray());
    }

    /** The first {@code n} images of {@code images} (all when it holds fewer), mapped as {@link #fromDataset}. */
    public static Images firstOf(DatasetImages images, int n) {
        return fromDataset(images, IntStream.range(0, Math.min(n, images.count())).toArray());
    }

    /**
     * The images at {@code rows} of {@code images}, in that order, mapped as {@link #fromDataset};
     * only those are converted, so a few rows of a large dataset cost only their own floats.
     */
    public static Images fromDataset(DatasetImages images, int[] rows) {
        ImageShape shape = new ImageShape(images.channels(), images.height(), images.width());
        int size = shape.pixelsPerImage();
        byte[] pixels = images.pixels();
        float[] values = new float[rows.length * size];
        for (int i = 0; i < rows.length; i++) {
            int offset = rows[i] * size;
            for (int p = 0; p < size; p++) {
                values[i * size + p] = (float) ((pixels[offset + p] & 0xFF) / 127.5 - 1.0);
            }
        }
        return new Images(shape, rows.length, values);
    }

    /** Images [from, from + n) as a tensor on {@code manager}, in libtorch-owned memory. */
    public NDArray tensor(NDManager manager, int from, int n) {
        int size = shape.pixelsPerImage();
        return OwnedArrays.of(manager, Arrays.copyOfRange(values, from * size, (from + n) * size),
                new Shape(n, shape.channels(), shape.height(), shape.width()));
    }

    /** The first {@code n} images (all when there are fewer). */
    public Images first(int n) {
        int kept = Math.min(n, count);
        return new Images(shape, kept, Arrays.copyOf(values, kept * shape.pixelsPerImage()));
    }

    /** The images at the given positions, in that order. */
    public Images select(int[] positions) {
        int size = shape.pixelsPerImage();
        float[] selected = new float[positions.length * size];
        for (int i = 0; i < positions.length; i++) {
            System.arraycopy(values, positions[i] * size, selected, i * size, size);
        }
        return new Images(shape, positions.length, selected);
    }

    /** Image {@code index} as uint8, rounded as {@code Pixels.toBytes} renders a model's output. */
    public byte[] pixelsOf(int index) {
        int size = shape.pixelsPerImage();
        byte[] pixels = new byte[size];
        for (int p = 0; p < size; p++) {
            float v = values[index * size + p];
            double scaled = Float.isNaN(v) ? 0.0 : Math.min(255.0, Math.max(0.0, ((double) v + 1.0) * 127.5));
            pixels[p] = (byte) (int) Math.rint(scaled);
        }
        return pixels;
    }

    /**
     * The images in [0, 1] for the evaluation library: {@code (y + 1) / 2} clipped, a NaN as 0 (the
     * black pixel {@code Pixels.toBytes} renders it as).
     */
    public UnitIntervalImages toUnitInterval() {
        float[] unit = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            float y = values[i];
            unit[i] = Float.isNaN(y) ? 0f : Math.min(1f, Math.max(0f, (y + 1f) / 2f));
        }
        return new UnitIntervalImages(count, shape.channels(), shape.height(), shape.width(), unit);
    }
}
