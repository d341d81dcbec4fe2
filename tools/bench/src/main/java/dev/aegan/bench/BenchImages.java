package dev.aegan.bench;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Distinct PNG images of seeded random pixels, each with the pixels ingest must publish for it
 * (uint8, channels first), so that what arrives on {@code datasets.batches} can be matched.
 */
record BenchImages(Kind kind, List<byte[]> pngs, List<byte[]> pixels) {

    enum Kind {
        GRAY_28("28x28 gray", 1, 28),
        RGB_32("32x32 RGB", 3, 32);

        final String label;
        final int channels;
        final int side;

        Kind(String label, int channels, int side) {
            this.label = label;
            this.channels = channels;
            this.side = side;
        }

        int imageSize() {
            return channels * side * side;
        }
    }

    static BenchImages generate(Kind kind, int count, long seed) {
        Random random = new Random(seed);
        List<byte[]> pngs = new ArrayList<>(count);
        List<byte[]> pixels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(kind.side, kind.side,
                    kind.channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
            byte[] raster = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
            random.nextBytes(raster);
            pngs.add(png(image));
            pixels.add(kind.channels == 1 ? raster.clone() : channelsFirst(raster, kind.side * kind.side));
        }
        return new BenchImages(kind, pngs, pixels);
    }

    long pngBytes() {
        return pngs.stream().mapToLong(png -> png.length).sum();
    }

    /** BGR interleaved (TYPE_3BYTE_BGR) to R, G, B planes. */
    private static byte[] channelsFirst(byte[] bgr, int plane) {
        byte[] planes = new byte[3 * plane];
        for (int i = 0; i < plane; i++) {
            planes[i] = bgr[3 * i + 2];
            planes[plane + i] = bgr[3 * i + 1];
            planes[2 * plane + i] = bgr[3 * i];
        }
        return planes;
    }

    private static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
