package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Rejection;
import dev.aegan.ingest.domain.Shape;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * The IDX files of MNIST and Fashion-MNIST, read as streams: big-endian magic {@code 0x00000803}
 * (unsigned-byte images, dimensions N, H, W) or {@code 0x00000801} (unsigned-byte labels,
 * dimension N), then the dimensions as u32, then the data, which must be exactly as long as the
 * header says.
 */
final class IdxFile {
    private static final int IMAGES_HEADER = 16;
    private static final int LABELS_HEADER = 8;

    private IdxFile() {
    }

    /** What an images file's header promises: {@code count} unsigned-byte images of height x width. */
    record Images(String name, int count, int height, int width) {
        Shape shape() {
            return new Shape(1, height, width);
        }

        long dataBytes() {
            return (long) count * height * width;
        }

        String promise() {
            return count + " images of " + height + "x" + width;
        }
    }

    /** A labels file, whole: labels 0..255, one per image. */
    record Labels(String name, byte[] labels) {
        int count() {
            return labels.length;
        }

        int label(int index) {
            return labels[index] & 0xff;
        }
    }

    /** Reads an images file's header, refusing images over {@code limit} or more than {@code maxImages}. */
    static Images readImagesHeader(String name, InputStream in, ImageSizeLimit limit, int maxImages)
            throws IOException {
        ByteBuffer header = readHeader(name, in, IMAGES_HEADER);
        int count = dimension(name, header.getInt(4), "image count");
        int height = dimension(name, header.getInt(8), "row count");
        int width = dimension(name, header.getInt(12), "column count");
        if (height == 0 || width == 0) {
            throw new Rejection(RejectionCode.MALFORMED_IDX, name + ": images of " + height + "x" + width + " pixels");
        }
        limit.require(name + ": images are", width, height);
        if (count > maxImages) {
            throw new Rejection(RejectionCode.UPLOAD_TOO_LARGE, name + " holds " + count
                    + " images, more than the limit of " + maxImages + " per upload");
        }
        return new Images(name, count, height, width);
    }

    /** Reads the next image's pixels after the header or the previous image. */
    static byte[] readImage(Images images, InputStream in, int index) throws IOException {
        int size = images.height() * images.width();
        byte[] pixels = in.readNBytes(size);
        if (pixels.length < size) {
            throw new Rejection(RejectionCode.MALFORMED_IDX, images.name() + " is truncated: it ends in image "
                    + index + " of the " + images.promise() + " its header promises");
        }
        return pixels;
    }

    /** Reads a labels file whole, refusing one of more than {@code maxLabels} labels before reading them. */
    static Labels readLabels(String name, InputStream in, int maxLabels) throws IOException {
        ByteBuffer header = readHeader(name, in, LABELS_HEADER);
        int count = dimension(name, header.getInt(4), "label count");
        if (count > maxLabels) {
            throw new Rejection(RejectionCode.UPLOAD_TOO_LARGE, name + " holds " + count
                    + " labels, more than the " + maxLabels + " images an upload may hold");
        }
        byte[] labels = in.readNBytes(count);
        requireEnd(name, in, LABELS_HEADER + (long) count, LABELS_HEADER + (long) labels.length, count + " labels");
        return new Labels(name, labels);
    }

    /** Reads an images file's data to its end, refusing it unless it holds exactly what its header promises. */
    static void skipImages(Images images, InputStream in) throws IOException {
        long expected = IMAGES_HEADER + images.dataBytes();
        requireEnd(images.name(), in, expected, IMAGES_HEADER, images.promise());
    }

    /**
     * Reads {@code in} to its end, {@code read} bytes into the file, and refuses the file unless it
     * is {@code expected} bytes long.
     */
    private static void requireEnd(String name, InputStream in, long expected, long read, String promised)
            throws IOException {
        byte[] scratch = new byte[64 * 1024];
        long length = read;
        int n;
        while ((n = in.read(scratch)) >= 0) {
            length += n;
        }
        if (length < expected) {
            throw new Rejection(RejectionCode.MALFORMED_IDX, name + " is truncated: its header promises " + promised
                    + " (" + expected + " bytes) but the file holds " + length + " bytes");
        }
        if (length > expected) {
            throw new Rejection(RejectionCode.MALFORMED_IDX, name + " has " + (length - expected)
                    + " bytes after the " + promised + " its header promises");
        }
    }

    private static ByteBuffer readHeader(String name, InputStream in, int length) throws IOException {
        byte[] header = in.readNBytes(length);
        if (header.length < length) {
            throw new Rejection(RejectionCode.MALFORMED_IDX, name + ": truncated IDX header (" + header.length
                    + " bytes, expected " + length + ")");
        }
        return ByteBuffer.wrap(header);
    }

    private static int dimension(String name, int value, String what) {
        if (value < 0) {
            throw new Rejection(RejectionCode.MALFORMED_IDX, name + ": " + what + " " + Integer.toUnsignedString(value)
                    + " is not plausible");
        }
        return value;
    }
}
