package dev.aegan.ingest;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Test inputs built from real data (Debian's Fashion-MNIST, package dataset-fashion-mnist) or drawn pixel by pixel. */
public final class Fixtures {
    public static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    private Fixtures() {
    }

    /** The first {@code count} images of a Fashion-MNIST IDX images file ("t10k" or "train"), as an IDX file. */
    public static byte[] fashionImages(String set, int offset, int count) {
        byte[] all = gunzip(read(FASHION_MNIST.resolve(set + "-images-idx3-ubyte.gz")));
        int size = 28 * 28;
        return idxImages(count, 28, 28, Arrays.copyOfRange(all, 16 + offset * size, 16 + (offset + count) * size));
    }

    /** The matching labels, as an IDX labels file. */
    public static byte[] fashionLabels(String set, int offset, int count) {
        byte[] all = gunzip(read(FASHION_MNIST.resolve(set + "-labels-idx1-ubyte.gz")));
        return idxLabels(Arrays.copyOfRange(all, 8 + offset, 8 + offset + count));
    }

    public static byte[] idxImages(int count, int height, int width, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(0x803).putInt(count).putInt(height).putInt(width)
                .put(pixels).array();
    }

    public static byte[] idxLabels(byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(0x801).putInt(labels.length).put(labels).array();
    }

    /** Pixels of image {@code index} of an IDX images file. */
    public static byte[] idxImage(byte[] idx, int index) {
        int height = ByteBuffer.wrap(idx).getInt(8);
        int width = ByteBuffer.wrap(idx).getInt(12);
        int size = height * width;
        return Arrays.copyOfRange(idx, 16 + index * size, 16 + (index + 1) * size);
    }

    public static int idxLabel(byte[] idx, int index) {
        return idx[8 + index] & 0xff;
    }

    /** An 8-bit grayscale PNG of {@code pixels} (row-major). */
    public static byte[] grayPng(int height, int width, byte[] pixels) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, pixels);
        return encode(image, "png");
    }

    /** An RGB PNG whose channels are given as planes (C x H x W). */
    public static byte[] rgbPng(int height, int width, byte[] planes) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int plane = height * width;
        for (int i = 0; i < plane; i++) {
            int rgb = (planes[i] & 0xff) << 16 | (planes[plane + i] & 0xff) << 8 | (planes[2 * plane + i] & 0xff);
            image.setRGB(i % width, i / width, rgb);
        }
        return encode(image, "png");
    }

    /** A gray PNG whose first two pixels carry {@code id} and whose other pixels are a pattern of it. */
    public static byte[] numberedPng(int id, int size) {
        return grayPng(size, size, numberedPixels(id, size));
    }

    public static byte[] numberedPixels(int id, int size) {
        byte[] pixels = new byte[size * size];
        pixels[0] = (byte) (id >> 8);
        pixels[1] = (byte) id;
        for (int i = 2; i < pixels.length; i++) {
            pixels[i] = (byte) (id * 31 + i * 7);
        }
        return pixels;
    }

    public static int numberOf(byte[] pixels, int offset) {
        return (pixels[offset] & 0xff) << 8 | (pixels[offset + 1] & 0xff);
    }

    /**
     * A PNG of {@code width} x {@code height}, 8-bit gray, non-interlaced, whose IDAT chunks hold
     * {@code idat} as given (a zlib stream, or not): for PNGs no encoder would write.
     */
    public static byte[] grayPngWithImageData(int width, int height, byte[]... idat) {
        return pngWithImageData(width, height, 0, idat);
    }

    /** As {@link #grayPngWithImageData}, of 8-bit colour type {@code colourType} (0 gray, 2 RGB, 4 gray+alpha, 6 RGBA). */
    public static byte[] pngWithImageData(int width, int height, int colourType, byte[]... idat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        out.writeBytes(pngChunk("IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8)
                .put((byte) colourType).put((byte) 0).put((byte) 0).put((byte) 0).array()));
        for (byte[] data : idat) {
            out.writeBytes(pngChunk("IDAT", data));
        }
        out.writeBytes(pngChunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data)
                .putInt((int) crc.getValue()).array();
    }

    /** An image encoded interlaced (Adam7) by the JDK's PNG writer. */
    public static byte[] interlacedPng(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    public static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] gunzip(byte[] bytes) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip holding {@code entries} (path inside the zip to content), in iteration order. */
    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] read(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
