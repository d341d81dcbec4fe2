package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Rejection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Checks a PNG's chunk structure, which the JDK's decoder does not: every chunk's CRC, and an IEND
 * chunk at the end. Without it, a file cut short after its pixel data, or with flipped bytes that
 * the deflate stream tolerates, would decode as if it were whole.
 */
final class PngChunks {
    private static final int SIGNATURE = 8;

    private PngChunks() {
    }

    static void verify(byte[] png) {
        ByteBuffer in = ByteBuffer.wrap(png);
        int at = SIGNATURE;
        while (at + 12 <= png.length) {
            long length = Integer.toUnsignedLong(in.getInt(at));
            if (at + 12 + length > png.length) {
                break;
            }
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            CRC32 crc = new CRC32();
            crc.update(png, at + 4, 4 + (int) length);
            long stored = Integer.toUnsignedLong(in.getInt(at + 8 + (int) length));
            if (crc.getValue() != stored) {
                throw new Rejection(RejectionCode.UNDECODABLE_IMAGE, "corrupt PNG: chunk " + type + " at byte " + at
                        + " fails its CRC check");
            }
            if (type.equals("IEND")) {
                return;
            }
            at += 12 + (int) length;
        }
        throw new Rejection(RejectionCode.UNDECODABLE_IMAGE, "truncated PNG: it ends at byte " + png.length
                + " without an IEND chunk");
    }
}
