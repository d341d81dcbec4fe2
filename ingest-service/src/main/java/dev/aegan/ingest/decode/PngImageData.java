package dev.aegan.ingest.decode;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PNG's image data (the zlib stream of its IDAT chunks), inflated as it comes and counted
 * against what its IHDR calls for: each row of each (Adam7) pass is one filter byte followed by
 * ceil(width x channels x bit depth / 8) bytes. Inflating stops as soon as the count is passed.
 */
final class PngImageData {
    /** Adam7 passes: x start, x step, y start, y step. */
    private static final int[][] ADAM7 = {
            {0, 8, 0, 8}, {4, 8, 0, 8}, {0, 4, 4, 8}, {2, 4, 0, 4}, {0, 2, 2, 4}, {1, 2, 0, 2}, {0, 1, 1, 2}};

    /** Each thread's inflater and inflating window, reset for every image rather than made anew. */
    private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);
    private static final ThreadLocal<byte[]> WINDOWS = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    private final Inflater inflater = INFLATERS.get();
    private final byte[] window = WINDOWS.get();
    private final long expected;
    /** The inflated data, kept only for a plain image (see {@link PngScanlines}); null otherwise. */
    private final byte[] kept;
    private final int width;
    private final int height;
    private final int colourType;
    private final int bitDepth;
    private final boolean interlaced;
    private long inflated;
    private boolean started;

    private PngImageData(long expected, boolean plain, int width, int height, int colourType, int bitDepth,
                         boolean interlaced) {
        this.expected = expected;
        this.kept = plain ? new byte[(int) expected] : null;
        this.width = width;
        this.height = height;
        this.colourType = colourType;
        this.bitDepth = bitDepth;
        this.interlaced = interlaced;
        inflater.reset();
    }

    /** From IHDR's 13 bytes: width, height, bit depth, colour type, compression, filter, interlace. */
    static PngImageData of(ByteBuffer ihdr, ImageSizeLimit limit) {
        long width = Integer.toUnsignedLong(ihdr.getInt(0));
        long height = Integer.toUnsignedLong(ihdr.getInt(4));
        int bitDepth = ihdr.get(8) & 0xff;
        int colourType = ihdr.get(9) & 0xff;
        boolean interlaced = ihdr.get(12) == 1;
        boolean standardMethods = ihdr.get(10) == 0 && ihdr.get(11) == 0;
        if (width == 0 || height == 0) {
            throw PngChunks.corrupt("IHDR gives a size of " + width + "x" + height);
        }
        limit.require("image is", width, height);
        int bitsPerPixel = channels(colourType) * bitDepth;
        long expected = 0;
        if (interlaced) {
            for (int[] pass : ADAM7) {
                long passWidth = (width - pass[0] + pass[1] - 1) / pass[1];
                long passHeight = (height - pass[2] + pass[3] - 1) / pass[3];
                if (passWidth > 0 && passHeight > 0) {
                    expected += passHeight * (1 + (passWidth * bitsPerPixel + 7) / 8);
                }
            }
        } else {
            expected = height * (1 + (width * bitsPerPixel + 7) / 8);
        }
        boolean plain = bitDepth == 8 && !interlaced && standardMethods && PngScanlines.samplesPerPixel(colourType) > 0
                && expected < Integer.MAX_VALUE;
        return new PngImageData(expected, plain, (int) width, (int) height, colourType, bitDepth, interlaced);
    }

    private static int channels(int colourType) {
        return switch (colourType) {
            case 0, 3 -> 1;
            case 2 -> 3;
            case 4 -> 2;
            case 6 -> 4;
            default -> throw PngChunks.corrupt("IHDR gives colour type " + colourType);
        };
    }

    /** Formatted only for an error message: formatting it for every image showed in the topic path's profile. */
    private String header() {
        return width + "x" + height + (interlaced ? " interlaced" : "") + " header (colour type " + colourType + ", "
                + bitDepth + "-bit)";
    }

    boolean started() {
        return started;
    }

    void inflate(byte[] chunk, int offset, int length) {
        started = true;
        if (length == 0) {
            return;
        }
        if (inflater.finished()) {
            fail("IDAT data after the end of the compressed image data");
        }
        inflater.setInput(chunk, offset, length);
        try {
            while (!inflater.finished() && !inflater.needsInput()) {
                int n = inflater.inflate(window);
                inflated += n;
                if (inflated > expected) {
                    fail("the image data inflates past the " + expected + " bytes its " + header() + " calls for");
                }
                if (kept != null) {
                    System.arraycopy(window, 0, kept, (int) (inflated - n), n);
                }
                if (n == 0 && inflater.needsDictionary()) {
                    fail("the image data asks for a preset zlib dictionary");
                }
            }
        } catch (DataFormatException e) {
            fail("the image data is not a valid zlib stream (" + e.getMessage() + ")");
        }
        if (inflater.finished() && inflater.getRemaining() > 0) {
            fail(inflater.getRemaining() + " bytes of IDAT data after the end of the compressed image data");
        }
    }

    /** At IEND: the stream must have ended, with exactly the expected bytes. */
    void finish() {
        if (!started) {
            fail("no IDAT chunk before IEND");
        }
        if (!inflater.finished()) {
            fail("the compressed image data ends before its zlib stream does");
        }
        if (inflated != expected) {
            fail("the image data inflates to " + inflated + " bytes where its " + header() + " calls for " + expected);
        }
    }

    /** After {@link #finish}: the image data of a plain image, null for any other. */
    PngScanlines scanlines() {
        return kept == null ? null : new PngScanlines(width, height, colourType, kept);
    }

    /** Leaves the thread's inflater ready for its next image. */
    void close() {
        inflater.reset();
    }

    private static void fail(String problem) {
        throw PngChunks.corrupt(problem);
    }
}
