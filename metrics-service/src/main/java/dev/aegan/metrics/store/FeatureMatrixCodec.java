package dev.aegan.metrics.store;

import dev.aegan.evaluation.FeatureMatrix;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Features as bytes for the S3 cache. Little-endian: the int {@code "AEFM"} magic, int format
 * version 1, int rows, int columns, then rows x columns float32 values row by row. Features come
 * out of float32 networks, so nothing is lost.
 */
final class FeatureMatrixCodec {
    private static final int MAGIC = 0x4D464541; // "AEFM" read as a little-endian int
    private static final int VERSION = 1;
    private static final int HEADER = 16;

    private FeatureMatrixCodec() {
    }

    static byte[] encode(FeatureMatrix features) {
        double[] values = features.values();
        ByteBuffer out = ByteBuffer.allocate(HEADER + 4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(MAGIC).putInt(VERSION).putInt(features.rows()).putInt(features.columns());
        for (double v : values) {
            out.putFloat((float) v);
        }
        return out.array();
    }

    /** @throws IllegalArgumentException when the bytes are not what {@link #encode} writes */
    static FeatureMatrix decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER || in.getInt() != MAGIC || in.getInt() != VERSION) {
            throw new IllegalArgumentException("not cached features (no AEFM v1 header in " + bytes.length + " bytes)");
        }
        int rows = in.getInt();
        int columns = in.getInt();
        if (rows <= 0 || columns <= 0 || bytes.length != HEADER + 4L * rows * columns) {
            throw new IllegalArgumentException("cached features claim " + rows + " x " + columns + " but hold "
                    + bytes.length + " bytes (truncated or corrupt)");
        }
        float[] values = new float[rows * columns];
        in.asFloatBuffer().get(values);
        return FeatureMatrix.ofFloats(rows, columns, values);
    }
}
