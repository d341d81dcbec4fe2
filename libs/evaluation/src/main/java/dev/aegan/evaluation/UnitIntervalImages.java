package dev.aegan.evaluation;

/**
 * {@code count} images of {@code channels x height x width} values in [0, 1] (data range 1, the
 * convention of every image metric here), NCHW row-major: image {@code i}, channel {@code c}, row
 * {@code y}, column {@code x} is {@code values[((i * channels + c) * height + y) * width + x]}.
 * Grayscale has 1 channel, RGB 3. The array is shared, not copied.
 *
 * <p>Dataset batches are uint8: use {@link #fromUint8}. Model outputs in [-1, 1] are mapped by the
 * caller with {@code (y + 1) / 2}, clipped to [0, 1].
 */
public record UnitIntervalImages(int count, int channels, int height, int width, float[] values) {

    public UnitIntervalImages {
        if (count <= 0 || channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("an image batch needs positive sizes, got " + count + " x " + channels
                    + " x " + height + " x " + width);
        }
        long expected = (long) count * channels * height * width;
        if (values.length != expected) {
            throw new IllegalArgumentException(count + " images of " + channels + " x " + height + " x " + width
                    + " need " + expected + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0f && values[i] <= 1f)) {
                throw new IllegalArgumentException("value " + i + " is " + values[i]
                        + "; image values must lie in [0, 1] (map [-1, 1] outputs with (y + 1) / 2 and clip)");
            }
        }
    }

    /** uint8 pixels (N x C x H x W, as in the dataset topics) divided by 255. */
    public static UnitIntervalImages fromUint8(int count, int channels, int height, int width, byte[] pixels) {
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = (pixels[i] & 0xFF) / 255f;
        }
        return new UnitIntervalImages(count, channels, height, width, values);
    }

    public int valuesPerImage() {
        return channels * height * width;
    }

    void requireSameImageShape(UnitIntervalImages other) {
        if (channels != other.channels || height != other.height || width != other.width) {
            throw new IllegalArgumentException("cannot compare images of " + channels + " x " + height + " x " + width
                    + " with images of " + other.channels + " x " + other.height + " x " + other.width);
        }
    }

    /** One row of {@code C H W} pixel values per image: pixel space for {@link MemorisationScores}. */
    public FeatureMatrix asFeatures() {
        double[] widened = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            widened[i] = values[i];
        }
        return new FeatureMatrix(count, valuesPerImage(), widened);
    }
}
