package dev.aegan.contracts.dataset;

import dev.aegan.contracts.Split;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The binary value of a {@code datasets.batches} record, big-endian:
 * <pre>
 *   magic "AEIB" | version u8 (=1) | split u8 (0 train, 1 heldout) | channels u8 | reserved u8
 *   | height u16 | width u16 | count u32 | dataset name length u16 | dataset name UTF-8
 *   | pixels u8[count x channels x height x width] | labels i32[count] (-1 = unlabelled)
 * </pre>
 */
public final class ImageBatchCodec {
    private static final int MAGIC = 0x41454942; // "AEIB"
    private static final byte VERSION = 1;

    private ImageBatchCodec() {
    }

    public static byte[] encode(ImageBatch batch) {
        byte[] name = batch.dataset().getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(4 + 4 + 2 + 2 + 4 + 2 + name.length
                + batch.pixels().length + 4 * batch.count());
        out.putInt(MAGIC)
                .put(VERSION)
                .put((byte) batch.split().ordinal())
                .put((byte) batch.channels())
                .put((byte) 0)
                .putShort((short) batch.height())
                .putShort((short) batch.width())
                .putInt(batch.count())
                .putShort((short) name.length)
                .put(name)
                .put(batch.pixels());
        for (int label : batch.labels()) {
            out.putInt(label);
        }
        return out.array();
    }

    public static ImageBatch decode(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.getInt() != MAGIC) {
                throw new IllegalArgumentException("not an image batch (bad magic)");
            }
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported image batch version " + version);
            }
            Split split = Split.values()[in.get()];
            int channels = in.get() & 0xff;
            in.get();
            int height = in.getShort() & 0xffff;
            int width = in.getShort() & 0xffff;
            int count = in.getInt();
            byte[] name = new byte[in.getShort() & 0xffff];
            in.get(name);
            byte[] pixels = new byte[Math.multiplyExact(count, ImageBatch.imageSize(channels, height, width))];
            in.get(pixels);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = in.getInt();
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes after image batch");
            }
            return new ImageBatch(new String(name, StandardCharsets.UTF_8), split, channels, height, width,
                    pixels, labels);
        } catch (java.nio.BufferUnderflowException | ArrayIndexOutOfBoundsException | ArithmeticException e) {
            throw new IllegalArgumentException("truncated or corrupt image batch", e);
        }
    }
}
