package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Image;
import dev.aegan.ingest.domain.Rejection;
import dev.aegan.ingest.domain.Shape;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The IDX files of MNIST and Fashion-MNIST: big-endian magic {@code 0x00000803} (unsigned-byte
 * images, dimensions N, H, W) or {@code 0x00000801} (unsigned-byte labels, dimension N), then the
 * dimensions as u32, then the data. The data must be exactly as long as the header says.
 */
public final class IdxFile {
    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    private IdxFile() {
    }

    /** Unsigned-byte images N x H x W (one channel). */
    public record Images(String name, int count, int height, int width, byte[] bytes) {
        public Image image(int index) {
            int size = height * width;
            int from = IMAGES_HEADER + index * size;
            return new Image(new Shape(1, height, width), Arrays.copyOfRange(bytes, from, from + size));
        }
    }

    /** Labels 0..255, one per image. */
    public record Labels(String name, int count, byte[] bytes) {
        public int label(int index) {
            return bytes[LABELS_HEADER + index] & 0xff;
        }
    }

    public static Images images(String name, byte[] bytes, int maxWidth, int maxHeight, int maxImages) {
        ByteBuffer header = header(name, bytes, IMAGES_HEADER);
        int count = dimension(name, header.getInt(4), "image count");
        int height = dimension(name, header.getInt(8), "row count");
        int width = dimension(name, header.getInt(12), "column count");
        if (height == 0 || width == 0) {
            throw new Rejection(RejectionCode.MALFORMED_IDX, name + ": images of " + height + "x" + width + " pixels");
        }
        if (width > maxWidth || height > maxHeight) {
            throw new Rejection(RejectionCode.IMAGE_TOO_LARGE, name + ": images are " + width + "x" + height
                    + " pixels, larger than the limit " + maxWidth + "x" + maxHeight);
        }
        if (count > maxImages) {
            throw new Rejection(RejectionCode.UPLOAD_TOO_LARGE, name + " holds " + count
                    + " images, more than the limit of " + maxImages + " per upload");
        }
        requireLength(name, bytes, IMAGES_HEADER + (long) count * height * width,
                count + " images of " + height + "x" + width);
        return new Images(name, count, height, width, bytes);
    }

    public static Labels labels(String name, byte[] bytes) {
        ByteBuffer header = header(name, bytes, LABELS_HEADER);
        int count = dimension(name, header.getInt(4), "label count");
        requireLength(name, bytes, LABELS_HEADER + (long) count, count + " labels");
        return new Labels(name, count, bytes);
    }

    private static ByteBuffer header(String name, byte[] bytes, int length) {
        if (bytes.length < length) {
            throw new Rejection(RejectionCode.MALFORMED_IDX, name + ": truncated IDX header (" + bytes.length
                    + " bytes, expected " + length + ")");
        }
        return ByteBuffer.wrap(bytes, 0, length);
    }

    private static int dimension(String name, int value, String what) {
        if (value < 0) {
            throw new Rejection(RejectionCode.MALFORMED_IDX, name + ": " + what + " " + Integer.toUnsignedString(value)
                    + " is not plausible");
        }
        return value;
    }

    private static void requireLength(String name, byte[] bytes, long expected, String promised) {
        if (bytes.length < expected) {
            throw new Rejection(RejectionCode.MALFORMED_IDX, name + " is truncated: its header promises " + promised
                    + " (" + expected + " bytes) but the file holds " + bytes.length + " bytes");
        }
        if (bytes.length > expected) {
            throw new Rejection(RejectionCode.MALFORMED_IDX, name + " has " + (bytes.length - expected)
                    + " bytes after the " + promised + " its header promises");
        }
    }
}
