package dev.aegan.gallery.render;

import dev.aegan.models.core.ImageShape;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Lays uint8 images (N x C x H x W, 1 or 3 channels) out as one PNG: rows of {@code columns}
 * tiles on a dark frame, each image enlarged by a whole factor with nearest-neighbour sampling so
 * that small images (28 x 28) are visible without the browser blurring them.
 */
public final class ImageGrid {
    static final int FRAME_RGB = 0x20242c;
    static final int GAP = 2;
    /** Between original/reconstruction pairs, so the eye groups them. */
    static final int PAIR_GAP = 8;

    private final int minTileSize;

    public ImageGrid(int minTileSize) {
        this.minTileSize = minTileSize;
    }

    /** The factor that brings the longer side of {@code shape} to at least {@code minTileSize} pixels. */
    public int scale(ImageShape shape) {
        int side = Math.max(shape.height(), shape.width());
        return Math.max(1, (minTileSize + side - 1) / side);
    }

    /** {@code n} images in rows of {@code columns}. */
    public byte[] grid(byte[] pixels, int n, ImageShape shape, int columns) {
        return png(layout(pixels, n, shape, columns, false));
    }

    /**
     * Originals and their reconstructions side by side: tile 2i is original i, tile 2i+1 its
     * reconstruction; {@code columns / 2} pairs per row.
     */
    public byte[] pairs(byte[] originals, byte[] reconstructions, int n, ImageShape shape, int columns) {
        int size = shape.pixelsPerImage();
        byte[] interleaved = new byte[2 * n * size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(originals, i * size, interleaved, 2 * i * size, size);
            System.arraycopy(reconstructions, i * size, interleaved, (2 * i + 1) * size, size);
        }
        return png(layout(interleaved, 2 * n, shape, Math.max(2, columns - columns % 2), true));
    }

    private BufferedImage layout(byte[] pixels, int n, ImageShape shape, int columns, boolean paired) {
        if (pixels.length != n * shape.pixelsPerImage() || n <= 0) {
            throw new IllegalArgumentException(pixels.length + " bytes are not " + n + " images of " + shape);
        }
        int scale = scale(shape);
        int tileW = shape.width() * scale;
        int tileH = shape.height() * scale;
        int cols = Math.min(columns, n);
        int rows = (n + cols - 1) / cols;
        int[] x0 = new int[cols];
        int x = GAP;
        for (int c = 0; c < cols; c++) {
            x0[c] = x;
            x += tileW + (paired && c % 2 == 1 ? PAIR_GAP : GAP);
        }
        int width = x - (paired && cols % 2 == 0 ? PAIR_GAP : GAP) + GAP;
        int height = GAP + rows * (tileH + GAP);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] frame = new int[width * height];
        Arrays.fill(frame, FRAME_RGB);
        image.setRGB(0, 0, width, height, frame, 0, width);
        int[] tile = new int[tileW * tileH];
        for (int i = 0; i < n; i++) {
            fillTile(tile, pixels, i, shape, scale);
            image.setRGB(x0[i % cols], GAP + (i / cols) * (tileH + GAP), tileW, tileH, tile, 0, tileW);
        }
        return image;
    }

    private static void fillTile(int[] tile, byte[] pixels, int index, ImageShape shape, int scale) {
        int h = shape.height();
        int w = shape.width();
        int plane = h * w;
        int base = index * shape.pixelsPerImage();
        int tileW = w * scale;
        for (int ty = 0; ty < h * scale; ty++) {
            int y = ty / scale;
            for (int tx = 0; tx < tileW; tx++) {
                int p = base + y * w + tx / scale;
                int r = pixels[p] & 0xFF;
                int rgb = shape.channels() == 3
                        ? r << 16 | (pixels[p + plane] & 0xFF) << 8 | pixels[p + 2 * plane] & 0xFF
                        : r << 16 | r << 8 | r;
                tile[ty * tileW + tx] = rgb;
            }
        }
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
