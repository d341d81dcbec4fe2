package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Rejection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Checks a PNG's structure as a careful decoder does, where the JDK's decoder reads only what it
 * needs: every chunk's CRC; IHDR first, within the size limit; consecutive IDAT chunks whose zlib
 * stream inflates to exactly the bytes the header's size, colour type, bit depth and interlacing
 * call for (filter bytes included), without data after the stream's end; IEND last, with nothing
 * after it. Without it, a file cut short after its pixel data, with flipped bytes the deflate
 * stream tolerates, or with image data inflating to hundreds of megabytes behind a small header,
 * would decode as if it were whole. The data is inflated into a small buffer and kept only for a
 * plain PNG ({@link PngScanlines}), which is then decoded from it rather than inflated again.
 */
final class PngChunks {
    private static final int SIGNATURE = 8;
    private static final int IHDR_LENGTH = 13;
    /** Chunks that leave a plain PNG's samples as they are: any other (PLTE, tRNS, gAMA, iCCP, ...) goes to the JDK's decoder. */
    private static final Set<String> SAMPLE_NEUTRAL = Set.of("IHDR", "IDAT", "IEND", "tEXt", "zTXt", "iTXt", "tIME", "pHYs");

    private PngChunks() {
    }

    /**
     * Checks {@code png}; returns its image data when it is plain enough for {@link PngScanlines}
     * to decode, null when the JDK's decoder must.
     */
    static PngScanlines verify(byte[] png, ImageSizeLimit limit) {
        PngImageData[] data = {null};
        try {
            return verify(png, limit, data);
        } finally {
            if (data[0] != null) {
                data[0].close();
            }
        }
    }

    /** {@code image[0]} receives the image data's inflater, for the caller to reset. */
    private static PngScanlines verify(byte[] png, ImageSizeLimit limit, PngImageData[] image) {
        ByteBuffer in = ByteBuffer.wrap(png);
        PngImageData data = null;
        boolean idatDone = false;
        boolean sampleNeutral = true;
        int at = SIGNATURE;
        while (at + 12 <= png.length) {
            long length = Integer.toUnsignedLong(in.getInt(at));
            if (at + 12 + length > png.length) {
                break;
            }
            String type = new String(png, at + 4, 4, StandardCharsets.ISO_8859_1);
            CRC32 crc = new CRC32();
            crc.update(png, at + 4, 4 + (int) length);
            if (crc.getValue() != Integer.toUnsignedLong(in.getInt(at + 8 + (int) length))) {
                throw corrupt("chunk " + type + " at byte " + at + " fails its CRC check");
            }
            sampleNeutral &= SAMPLE_NEUTRAL.contains(type);
            if (data == null) {
                if (!type.equals("IHDR") || length != IHDR_LENGTH) {
                    throw corrupt("the first chunk is " + type + " of " + length + " bytes, not a 13-byte IHDR");
                }
                data = PngImageData.of(in.slice(at + 8, IHDR_LENGTH), limit);
                image[0] = data;
            } else if (type.equals("IDAT")) {
                if (idatDone) {
                    throw corrupt("IDAT chunk at byte " + at + " after other chunks ended the image data");
                }
                data.inflate(png, at + 8, (int) length);
            } else if (type.equals("IEND")) {
                data.finish();
                long end = at + 12 + length;
                if (end != png.length) {
                    throw corrupt((png.length - end) + " bytes after the IEND chunk that ends the image");
                }
                return sampleNeutral ? data.scanlines() : null;
            } else if (data.started()) {
                idatDone = true;
            }
            at += 12 + (int) length;
        }
        throw new Rejection(RejectionCode.UNDECODABLE_IMAGE, "truncated PNG: it ends at byte " + png.length
                + " without an IEND chunk");
    }

    static Rejection corrupt(String problem) {
        return new Rejection(RejectionCode.UNDECODABLE_IMAGE, "corrupt PNG: " + problem);
    }
}
