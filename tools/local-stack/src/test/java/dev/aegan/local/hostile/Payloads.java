package dev.aegan.local.hostile;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The binary inputs of the hostile corpus, made at test time so nothing large is committed: the
 * bombs are a few hundred KiB of deflate that expand to hundreds of MB. Named as the corpus
 * writes them: {@code ${gen:name}} or {@code ${gen:name:argument}}.
 */
final class Payloads {
    private static final long MIB = 1024 * 1024;
    private static final int IDX_IMAGES_MAGIC = 0x00000803;
    private static final int IDX_LABELS_MAGIC = 0x00000801;

    private Payloads() {
    }

    static byte[] generate(String name, String argument) {
        return switch (name) {
            case "png" -> png(dimension(argument, 0), dimension(argument, 1));
            case "pngClaiming" -> pngClaiming(dimension(argument, 0), dimension(argument, 1));
            case "pngTruncated" -> withoutLast(png(28, 28), 20);
            case "pngBadCrc" -> withIdatCrcFlipped(png(28, 28));
            case "pngNoIdat" -> pngFromChunks(28, 28, List.of());
            case "pngIdatBomb" -> pngIdatBomb();
            case "jpegTruncated" -> Arrays.copyOf(encoded(gray(28, 28), "jpeg"), 200);
            case "gif" -> encoded(gray(28, 28), "gif");
            case "bmp" -> encoded(gray(28, 28), "bmp");
            case "gzipPng" -> nestedGzip(png(28, 28), Integer.parseInt(argument));
            case "gzipGarbage" -> gzip("not an image at all".getBytes(StandardCharsets.UTF_8));
            case "gzipTruncated" -> Arrays.copyOf(gzip(png(28, 28)), 30);
            case "gzipCorrupt" -> corruptGzip();
            case "gzipBomb" -> gzipBomb();
            case "zip" -> zipOfPngs(argument.split("\\|"));
            case "zipGarbageEntry" -> zip("shirts/a.png", "garbage".getBytes(StandardCharsets.UTF_8));
            case "zipTruncated" -> Arrays.copyOf(zipOfPngs(new String[]{"shirts/a.png", "shirts/b.png"}), 120);
            case "zipBomb" -> zipBomb();
            case "idxImages" -> idxImages(argument);
            case "idxLabels" -> idxLabels(argument);
            case "idxHeader" -> idxHeader(argument);
            default -> throw new IllegalArgumentException("no payload generator '" + name + "'");
        };
    }

    /** A valid gray 8-bit PNG: the pixel data ramps so it is not all one value. */
    static byte[] png(int width, int height) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            raw.write(0);
            for (int x = 0; x < width; x++) {
                raw.write((x * 9 + y * 5) & 0xff);
            }
        }
        return pngFromChunks(width, height, List.of(deflate(raw.toByteArray())));
    }

    /** A PNG whose header claims a size its few bytes of pixel data do not hold. */
    private static byte[] pngClaiming(int width, int height) {
        return pngFromChunks(width, height, List.of(deflate(new byte[1024])));
    }

    /** A 28x28 header, and one IDAT chunk inflating to 200 MiB: a decoder that trusts the stream, not the header, drowns. */
    private static byte[] pngIdatBomb() {
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_COMPRESSION))) {
            writeZeros(out, 200 * MIB);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pngFromChunks(28, 28, List.of(idat.toByteArray()));
    }

    private static byte[] pngFromChunks(int width, int height, List<byte[]> idats) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", header.array());
        idats.forEach(data -> chunk(png, "IDAT", data));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] withoutLast(byte[] bytes, int count) {
        return Arrays.copyOf(bytes, bytes.length - count);
    }

    private static byte[] withIdatCrcFlipped(byte[] png) {
        byte[] copy = png.clone();
        int idat = indexOf(copy, "IDAT".getBytes(StandardCharsets.US_ASCII));
        int length = ByteBuffer.wrap(copy, idat - 4, 4).getInt();
        copy[idat + 4 + length] ^= 0x55;
        return copy;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }

    private static BufferedImage gray(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (x * 9 + y * 5) & 0xff);
            }
        }
        return image;
    }

    private static byte[] encoded(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) {
        return compressed(data, DeflaterOutputStream::new);
    }

    private static byte[] gzip(byte[] data) {
        return compressed(data, GZIPOutputStream::new);
    }

    /** {@code data} written through a zlib or gzip stream. */
    private static byte[] compressed(byte[] data, Compressor compressor) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream stream = compressor.wrap(out)) {
            stream.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private interface Compressor {
        DeflaterOutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] nestedGzip(byte[] data, int levels) {
        byte[] out = data;
        for (int i = 0; i < levels; i++) {
            out = gzip(out);
        }
        return out;
    }

    /** A gzip header and trailer around bytes that are not deflate data. */
    private static byte[] corruptGzip() {
        byte[] gzip = gzip(png(28, 28));
        for (int i = 12; i < gzip.length - 8; i++) {
            gzip[i] = (byte) 0xff;
        }
        return gzip;
    }

    /** An IDX images header for 28x28 images, then zeros: 400 MiB once gunzipped. */
    private static byte[] gzipBomb() {
        long size = 400 * MIB;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
            gzip.write(idxImagesHeader((int) ((size - 16) / 784), 28, 28));
            writeZeros(gzip, size - 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One zip entry, an IDX images file of 28x28 images: 600 MiB once unpacked. */
    private static byte[] zipBomb() {
        long size = 600 * MIB;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            zip.putNextEntry(new ZipEntry("bomb/train-images-idx3-ubyte"));
            zip.write(idxImagesHeader((int) ((size - 16) / 784), 28, 28));
            writeZeros(zip, size - 16);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeZeros(OutputStream out, long count) throws IOException {
        byte[] zeros = new byte[(int) MIB];
        for (long left = count; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, left));
        }
    }

    private static byte[] zipOfPngs(String[] entryNames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String name : entryNames) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(png(28, 28));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] zip(String entryName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code count:height:width:dataBytes}: an IDX images header, then that many bytes of pixels. */
    private static byte[] idxImages(String argument) {
        String[] parts = argument.split(":");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(idxImagesHeader(Integer.parseUnsignedInt(parts[0]), Integer.parseUnsignedInt(parts[1]),
                Integer.parseUnsignedInt(parts[2])));
        out.writeBytes(new byte[Integer.parseInt(parts[3])]);
        return out.toByteArray();
    }

    /** {@code count:dataBytes}: an IDX labels header, then that many labels (all 1). */
    private static byte[] idxLabels(String argument) {
        String[] parts = argument.split(":");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(8).putInt(IDX_LABELS_MAGIC).putInt(Integer.parseUnsignedInt(parts[0])).array());
        byte[] labels = new byte[Integer.parseInt(parts[1])];
        Arrays.fill(labels, (byte) 1);
        out.writeBytes(labels);
        return out.toByteArray();
    }

    /** {@code magicHex}: an IDX file of another element type or rank, with a little data. */
    private static byte[] idxHeader(String magicHex) {
        return ByteBuffer.allocate(24).putInt(Integer.parseUnsignedInt(magicHex, 16)).putInt(2).putInt(2).array();
    }

    private static byte[] idxImagesHeader(int count, int height, int width) {
        return ByteBuffer.allocate(16).putInt(IDX_IMAGES_MAGIC).putInt(count).putInt(height).putInt(width).array();
    }

    private static int dimension(String argument, int index) {
        return Integer.parseInt(argument.split("x")[index]);
    }
}
