package dev.aegan.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * IDX files of any size, generated as they are read: image {@code i} carries {@code i} in its first
 * four pixels (big-endian) and {@code 25 * (i % 10)} in the others, and its label is {@code i % 10},
 * so a reader can tell every image from the others and check it without keeping the file.
 */
public final class SyntheticIdx {
    private SyntheticIdx() {
    }

    public static byte[] pixels(int index, int height, int width) {
        byte[] pixels = new byte[height * width];
        Arrays.fill(pixels, (byte) (25 * (index % 10)));
        ByteBuffer.wrap(pixels).putInt(index);
        return pixels;
    }

    public static int label(int index) {
        return index % 10;
    }

    public static int indexOf(byte[] pixels, int offset) {
        return ByteBuffer.wrap(pixels, offset, 4).getInt();
    }

    /** The IDX images file, read as a stream and never held. */
    public static InputStream images(int count, int height, int width) {
        byte[] header = ByteBuffer.allocate(16).putInt(0x803).putInt(count).putInt(height).putInt(width).array();
        return new InputStream() {
            private byte[] current = header;
            private int at;
            private int next;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (at == current.length) {
                    if (next == count) {
                        return -1;
                    }
                    current = pixels(next++, height, width);
                    at = 0;
                }
                int n = Math.min(length, current.length - at);
                System.arraycopy(current, at, buffer, offset, n);
                at += n;
                return n;
            }
        };
    }

    public static byte[] gzippedImages(int count, int height, int width) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024); InputStream in = images(count, height, width)) {
            in.transferTo(gzip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] labels(int count) {
        ByteBuffer labels = ByteBuffer.allocate(8 + count).putInt(0x801).putInt(count);
        for (int i = 0; i < count; i++) {
            labels.put((byte) label(i));
        }
        return labels.array();
    }
}
