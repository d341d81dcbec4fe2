package dev.aegan.ingest.decode;

import dev.aegan.ingest.domain.Image;
import dev.aegan.ingest.domain.Shape;

/**
 * The inflated image data of a plain PNG (8-bit gray, gray+alpha, RGB or RGBA, not interlaced, no
 * chunk that changes how its samples read), already checked by {@link PngChunks}: unfiltered here
 * into the same normalised {@link Image} the JDK's decoder and {@link ImageDecoder#toImage} give,
 * without decoding the file a second time.
 */
record PngScanlines(int width, int height, int colourType, byte[] data) {

    /** Samples per pixel of the colour types this class reads. */
    static int samplesPerPixel(int colourType) {
        return switch (colourType) {
            case 0 -> 1;
            case 4 -> 2;
            case 2 -> 3;
            case 6 -> 4;
            default -> 0;
        };
    }

    Image toImage() {
        int samples = samplesPerPixel(colourType);
        int stride = width * samples;
        byte[] rows = unfilter(samples, stride);
        boolean alpha = colourType == 4 || colourType == 6;
        int channels = colourType == 0 || colourType == 4 ? 1 : 3;
        Shape shape = new Shape(channels, height, width);
        // Opaque samples need no compositing over black: gray rows are the pixels, RGB ones are split into planes.
        if (!alpha && channels == 1) {
            return new Image(shape, rows);
        }
        int plane = width * height;
        byte[] pixels = new byte[channels * plane];
        if (!alpha) {
            for (int i = 0, at = 0; i < plane; i++, at += 3) {
                pixels[i] = rows[at];
                pixels[plane + i] = rows[at + 1];
                pixels[2 * plane + i] = rows[at + 2];
            }
            return new Image(shape, pixels);
        }
        for (int i = 0; i < plane; i++) {
            int at = i * samples;
            int opacity = rows[at + samples - 1] & 0xff;
            for (int c = 0; c < channels; c++) {
                pixels[c * plane + i] = (byte) ImageDecoder.overBlack(rows[at + c] & 0xff, opacity);
            }
        }
        return new Image(shape, pixels);
    }

    /** Undoes each row's filter (PNG spec 9.2); returns the rows without their filter bytes. */
    private byte[] unfilter(int bytesPerPixel, int stride) {
        byte[] rows = new byte[height * stride];
        for (int y = 0; y < height; y++) {
            int in = y * (stride + 1) + 1;
            int filter = data[in - 1] & 0xff;
            int out = y * stride;
            int up = out - stride;
            // Bytes of the first pixel have no left neighbour, bytes of the first row none above: read as 0.
            switch (filter) {
                case 0 -> System.arraycopy(data, in, rows, out, stride);
                case 1 -> {
                    for (int x = 0; x < stride; x++) {
                        int left = x >= bytesPerPixel ? rows[out + x - bytesPerPixel] : 0;
                        rows[out + x] = (byte) (data[in + x] + left);
                    }
                }
                case 2 -> {
                    for (int x = 0; x < stride; x++) {
                        int above = y > 0 ? rows[up + x] : 0;
                        rows[out + x] = (byte) (data[in + x] + above);
                    }
                }
                case 3 -> {
                    for (int x = 0; x < stride; x++) {
                        int left = x >= bytesPerPixel ? rows[out + x - bytesPerPixel] & 0xff : 0;
                        int above = y > 0 ? rows[up + x] & 0xff : 0;
                        rows[out + x] = (byte) (data[in + x] + ((left + above) >>> 1));
                    }
                }
                case 4 -> {
                    for (int x = 0; x < stride; x++) {
                        int left = x >= bytesPerPixel ? rows[out + x - bytesPerPixel] & 0xff : 0;
                        int above = y > 0 ? rows[up + x] & 0xff : 0;
                        int aboveLeft = y > 0 && x >= bytesPerPixel ? rows[up + x - bytesPerPixel] & 0xff : 0;
                        rows[out + x] = (byte) (data[in + x] + paeth(left, above, aboveLeft));
                    }
                }
                default -> throw PngChunks.corrupt("row " + y + " has the unknown filter type " + filter);
            }
        }
        return rows;
    }

    private static int paeth(int left, int above, int aboveLeft) {
        int estimate = left + above - aboveLeft;
        int toLeft = Math.abs(estimate - left);
        int toAbove = Math.abs(estimate - above);
        int toAboveLeft = Math.abs(estimate - aboveLeft);
        if (toLeft <= toAbove && toLeft <= toAboveLeft) {
            return left;
        }
        return toAbove <= toAboveLeft ? above : aboveLeft;
    }
}
