package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.domain.Image;
import dev.aegan.ingest.domain.Rejection;
import dev.aegan.ingest.domain.Shape;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one PNG or JPEG into a normalised {@link Image}: uint8, channels first, 1 channel for
 * grayscale sources (gray PNG/JPEG, all-gray palettes) and 3 (RGB) for everything else.
 * Transparency is composited onto black, so a transparent pixel reads as 0 as in MNIST-like data.
 * Gray samples are read from the raster rather than through {@code getRGB}, which would pass
 * them through a linear-to-sRGB conversion and change their values.
 */
public final class ImageDecoder {
    static {
        // Decoding works on in-memory bytes; a disk cache would only add temp files.
        ImageIO.setUseCache(false);
    }

    private final ImageSizeLimit limit;

    public ImageDecoder(int maxWidth, int maxHeight) {
        this.limit = new ImageSizeLimit(maxWidth, maxHeight);
    }

    public Image decode(byte[] bytes) {
        FileKind kind = FileKind.detect(bytes);
        if (!kind.isImage()) {
            throw new Rejection(RejectionCode.UNDECODABLE_IMAGE,
                    "not a PNG or JPEG image (first bytes " + FileKind.head(bytes) + ")");
        }
        if (kind == FileKind.PNG) {
            PngScanlines plain = PngChunks.verify(bytes, limit);
            if (plain != null) {
                return plain.toImage();
            }
        }
        return toImage(read(bytes, kind));
    }

    private BufferedImage read(byte[] bytes, FileKind kind) {
        ImageReader reader = ImageIO.getImageReadersByFormatName(kind == FileKind.PNG ? "png" : "jpeg").next();
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            limit.require("image is", reader.getWidth(0), reader.getHeight(0));
            BufferedImage image = reader.read(0);
            // A truncated JPEG decodes to a partly grey image with only a warning: treat it as broken.
            if (!warnings.isEmpty()) {
                throw new Rejection(RejectionCode.UNDECODABLE_IMAGE, "corrupt " + kind + " data: " + warnings.get(0));
            }
            return image;
        } catch (IIOException e) {
            throw new Rejection(RejectionCode.UNDECODABLE_IMAGE, "corrupt " + kind + " data: " + describe(e));
        } catch (IOException | RuntimeException e) {
            if (e instanceof Rejection rejection) {
                throw rejection;
            }
            throw new Rejection(RejectionCode.UNDECODABLE_IMAGE, "corrupt " + kind + " data: " + describe(e));
        } finally {
            reader.dispose();
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    static Image toImage(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        ColorModel model = image.getColorModel();
        if (model instanceof IndexColorModel palette) {
            return fromArgb(image.getRGB(0, 0, width, height, null, 0, width), height, width,
                    isGray(palette) ? 1 : 3);
        }
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return fromGrayRaster(image.getRaster(), model, height, width);
        }
        return fromArgb(image.getRGB(0, 0, width, height, null, 0, width), height, width, 3);
    }

    private static boolean isGray(IndexColorModel palette) {
        for (int i = 0; i < palette.getMapSize(); i++) {
            if (palette.getRed(i) != palette.getGreen(i) || palette.getGreen(i) != palette.getBlue(i)) {
                return false;
            }
        }
        return true;
    }

    private static Image fromGrayRaster(Raster raster, ColorModel model, int height, int width) {
        int grayMax = (1 << model.getComponentSize(0)) - 1;
        int[] gray = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        int[] alpha = null;
        int alphaMax = 1;
        if (model.hasAlpha()) {
            alpha = raster.getSamples(0, 0, width, height, 1, (int[]) null);
            alphaMax = (1 << model.getComponentSize(1)) - 1;
        }
        byte[] pixels = new byte[height * width];
        for (int i = 0; i < pixels.length; i++) {
            int value = scale(gray[i], grayMax);
            if (alpha != null) {
                value = overBlack(value, scale(alpha[i], alphaMax));
            }
            pixels[i] = (byte) value;
        }
        return new Image(new Shape(1, height, width), pixels);
    }

    private static Image fromArgb(int[] argb, int height, int width, int channels) {
        int plane = height * width;
        byte[] pixels = new byte[channels * plane];
        for (int i = 0; i < plane; i++) {
            int alpha = argb[i] >>> 24;
            int red = overBlack((argb[i] >> 16) & 0xff, alpha);
            if (channels == 1) {
                pixels[i] = (byte) red;
            } else {
                pixels[i] = (byte) red;
                pixels[plane + i] = (byte) overBlack((argb[i] >> 8) & 0xff, alpha);
                pixels[2 * plane + i] = (byte) overBlack(argb[i] & 0xff, alpha);
            }
        }
        return new Image(new Shape(channels, height, width), pixels);
    }

    private static int scale(int sample, int max) {
        return max == 255 ? sample : (sample * 255 + max / 2) / max;
    }

    /** A sample of a partly transparent pixel, composited onto black. */
    static int overBlack(int value, int alpha) {
        return alpha == 255 ? value : (value * alpha + 127) / 255;
    }
}
