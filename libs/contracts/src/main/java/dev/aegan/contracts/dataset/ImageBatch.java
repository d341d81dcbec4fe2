package dev.aegan.contracts.dataset;

import dev.aegan.contracts.Split;

import java.util.Objects;

/**
 * Images of one dataset and one split, all of one shape: {@code pixels} holds uint8 values
 * N x C x H x W (row-major, channels first); {@code labels[i]} is image i's class, or
 * {@link #UNLABELLED}.
 */
public record ImageBatch(String dataset, Split split, int channels, int height, int width,
                         byte[] pixels, int[] labels) {

    public static final int UNLABELLED = -1;

    public ImageBatch {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(split, "split");
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("height and width must be positive, got " + height + "x" + width);
        }
        if ((long) labels.length * imageSize(channels, height, width) != pixels.length) {
            throw new IllegalArgumentException("pixels hold " + pixels.length + " bytes, expected "
                    + labels.length + " images of " + channels + "x" + height + "x" + width);
        }
    }

    public int count() {
        return labels.length;
    }

    public int imageSize() {
        return imageSize(channels, height, width);
    }

    public static int imageSize(int channels, int height, int width) {
        return channels * height * width;
    }
}
