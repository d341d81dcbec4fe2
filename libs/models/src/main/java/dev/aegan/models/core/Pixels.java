package dev.aegan.models.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.aegan.models.core.OwnedArrays;

/**
 * Converts between uint8 pixels (N x C x H x W, row-major) and the float32 tensors in [-1, 1]
 * that every model consumes and produces.
 *
 * <p>Both directions run in Java, so the mapping is exactly {@code x / 127.5f - 1} and its inverse
 * on every engine and device (torch may divide by multiplying with a rounded reciprocal).
 */
public final class Pixels {

    private Pixels() {
    }

    /** A float32 tensor N x C x H x W with values {@code x / 127.5 - 1}, created on {@code manager}. */
    public static NDArray toTensor(NDManager manager, byte[] pixels, int n, ImageShape shape) {
        long expected = (long) n * shape.pixelsPerImage();
        if (n <= 0 || pixels.length != expected) {
            throw new IllegalArgumentException("expected " + n + " images of shape " + shape + " = " + expected
                    + " bytes, got " + pixels.length);
        }
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = (pixels[i] & 0xFF) / 127.5f - 1f;
        }
        return OwnedArrays.of(manager, values, shape.batchShape(n));
    }

    /**
     * uint8 pixels in the array's own (NCHW) order: {@code (x + 1) * 127.5} clipped to [0, 255] and
     * rounded to the nearest integer (ties, which only x = 0 produces, to even as torch does); NaN
     * becomes 0.
     */
    public static byte[] toBytes(NDArray images) {
        float[] values;
        if (images.getDataType() == DataType.FLOAT32) {
            values = images.toFloatArray();
        } else {
            try (NDArray asFloat = images.toType(DataType.FLOAT32, true)) {
                values = asFloat.toFloatArray();
            }
        }
        byte[] pixels = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            float v = values[i];
            double scaled = Float.isNaN(v) ? 0.0 : Math.min(255.0, Math.max(0.0, ((double) v + 1.0) * 127.5));
            pixels[i] = (byte) (int) Math.rint(scaled);
        }
        return pixels;
    }
}
