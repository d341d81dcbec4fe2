package dev.aegan.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Adler32;
import java.util.zip.CRC32;
import java.util.zip.Checksum;
import java.util.zip.Deflater;

/**
 * Compressed files that unpack to a few header bytes followed by hundreds of megabytes of zeros,
 * built at test time in milliseconds and a few hundred kilobytes: one mebibyte of zeros is
 * compressed once, into deflate blocks ending on a byte boundary, and that block is repeated.
 * Every block after the first is compressed with a window of zeros behind it, so any number of
 * copies decode to zeros. Checksums and sizes are real: the files are valid gzip, zlib and zip.
 */
public final class ZeroBombs {
    private static final int MIB = 1 << 20;

    private ZeroBombs() {
    }

    /** A zip entry: {@code head} followed by {@code zeros} zero bytes. */
    public record Entry(String name, byte[] head, long zeros) {
    }

    private record Deflated(byte[] data, long crc32, long adler32, long size) {
    }

    public static byte[] gzip(byte[] head, long zeros) {
        Deflated deflated = deflate(head, zeros);
        ByteBuffer out = ByteBuffer.allocate(10 + deflated.data().length + 8).order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
        out.put(deflated.data());
        out.putInt((int) deflated.crc32()).putInt((int) deflated.size());
        return out.array();
    }

    /** A zlib stream (as a PNG's IDAT chunks hold). */
    public static byte[] zlib(byte[] head, long zeros) {
        Deflated deflated = deflate(head, zeros);
        ByteBuffer out = ByteBuffer.allocate(2 + deflated.data().length + 4);
        out.put((byte) 0x78).put((byte) 0xda).put(deflated.data()).putInt((int) deflated.adler32());
        return out.array();
    }

    /** A zip (method deflate, sizes in the local headers, central directory) of {@code entries} in order. */
    public static byte[] zip(List<Entry> entries) {
        ByteArrayOutputStream local = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Entry entry : entries) {
            Deflated deflated = deflate(entry.head(), entry.zeros());
            byte[] name = entry.name().getBytes(StandardCharsets.UTF_8);
            int offset = local.size();
            local.writeBytes(le(30 + name.length).putInt(0x04034b50).putShort((short) 20).putShort((short) 0)
                    .putShort((short) 8).putShort((short) 0).putShort((short) 0x21).putInt((int) deflated.crc32())
                    .putInt(deflated.data().length).putInt((int) deflated.size()).putShort((short) name.length)
                    .putShort((short) 0).put(name).array());
            local.writeBytes(deflated.data());
            central.writeBytes(le(46 + name.length).putInt(0x02014b50).putShort((short) 20).putShort((short) 20)
                    .putShort((short) 0).putShort((short) 8).putShort((short) 0).putShort((short) 0x21)
                    .putInt((int) deflated.crc32()).putInt(deflated.data().length).putInt((int) deflated.size())
                    .putShort((short) name.length).putShort((short) 0).putShort((short) 0).putShort((short) 0)
                    .putShort((short) 0).putInt(0).putInt(offset).put(name).array());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(local.toByteArray());
        out.writeBytes(central.toByteArray());
        out.writeBytes(le(22).putInt(0x06054b50).putShort((short) 0).putShort((short) 0)
                .putShort((short) entries.size()).putShort((short) entries.size()).putInt(central.size())
                .putInt(local.size()).putShort((short) 0).array());
        return out.toByteArray();
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static Deflated deflate(byte[] head, long zeros) {
        byte[] mebibyte = new byte[MIB];
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int first = (int) Math.min(zeros, MIB);
            ByteBuffer start = ByteBuffer.allocate(head.length + first).put(head);
            out.writeBytes(flush(deflater, start.array()));
            long rest = zeros - first;
            if (rest >= MIB) {
                byte[] block = flush(deflater, mebibyte);
                for (long i = 0; i < rest / MIB; i++) {
                    out.writeBytes(block);
                }
            }
            deflater.setInput(new byte[(int) (rest % MIB)]);
            deflater.finish();
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return new Deflated(out.toByteArray(), checksum(new CRC32(), head, zeros, mebibyte),
                    checksum(new Adler32(), head, zeros, mebibyte), head.length + zeros);
        } finally {
            deflater.end();
        }
    }

    /** {@code input} compressed into blocks that end on a byte boundary (SYNC_FLUSH), the stream left open. */
    private static byte[] flush(Deflater deflater, byte[] input) {
        deflater.setInput(input);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        return out.toByteArray();
    }

    private static long checksum(Checksum checksum, byte[] head, long zeros, byte[] mebibyte) {
        checksum.update(head, 0, head.length);
        for (long left = zeros; left > 0; left -= MIB) {
            checksum.update(mebibyte, 0, (int) Math.min(left, MIB));
        }
        return checksum.getValue();
    }
}
