package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.Fixtures;
import dev.aegan.ingest.ZeroBombs;
import dev.aegan.ingest.domain.Image;
import dev.aegan.ingest.domain.Rejection;
import dev.aegan.ingest.domain.Shape;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.Arrays;

import static dev.aegan.ingest.RejectionAssert.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(64, 64);

    @Test
    void grayPngKeepsEveryValueInOneChannel() {
        byte[] pixels = new byte[16 * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        Image image = decoder.decode(Fixtures.grayPng(16, 16, pixels));
        assertEquals(new Shape(1, 16, 16), image.shape());
        assertArrayEquals(pixels, image.pixels());
    }

    @Test
    void sixteenBitGrayIsScaledToEightBits() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128 * 257, 65535});
        Image decoded = decoder.decode(Fixtures.encode(image, "png"));
        assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255}, decoded.pixels());
    }

    @Test
    void rgbIsPlanarAndTransparencyIsCompositedOnBlack() {
        BufferedImage image = new BufferedImage(3, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0xffc86432); // opaque (200, 100, 50)
        image.setRGB(1, 0, 0x33c86432); // alpha 51 = 20%
        image.setRGB(2, 0, 0x00c86432); // fully transparent
        Image decoded = decoder.decode(Fixtures.encode(image, "png"));
        assertEquals(new Shape(3, 1, 3), decoded.shape());
        assertArrayEquals(new byte[] {(byte) 200, 40, 0, 100, 20, 0, 50, 10, 0}, decoded.pixels());
    }

    @Test
    void paletteImagesAreGrayOnlyWhenTheirPaletteIs() {
        byte[] levels = {0, (byte) 128, (byte) 255, 64};
        IndexColorModel gray = new IndexColorModel(8, 4, levels, levels, levels);
        BufferedImage grayImage = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED, gray);
        grayImage.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 1, 2, 3});
        Image decodedGray = decoder.decode(Fixtures.encode(grayImage, "png"));
        assertEquals(1, decodedGray.shape().channels());
        assertArrayEquals(levels, decodedGray.pixels());

        byte[] zeros = new byte[4];
        IndexColorModel reds = new IndexColorModel(8, 4, levels, zeros, zeros);
        BufferedImage redImage = new BufferedImage(4, 1, BufferedImage.TYPE_BYTE_INDEXED, reds);
        redImage.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 1, 2, 3});
        Image decodedRed = decoder.decode(Fixtures.encode(redImage, "png"));
        assertEquals(3, decodedRed.shape().channels());
        assertArrayEquals(levels, Arrays.copyOfRange(decodedRed.pixels(), 0, 4));
    }

    @Test
    void jpegsDecodeToGrayOrRgbWithinCompressionError() {
        BufferedImage gray = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 16, 16, 0, filled(16 * 16, 120));
        Image decodedGray = decoder.decode(Fixtures.encode(gray, "jpeg"));
        assertEquals(new Shape(1, 16, 16), decodedGray.shape());
        assertNear(120, decodedGray.pixels(), 3);

        BufferedImage rgb = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
        for (int i = 0; i < 256; i++) {
            rgb.setRGB(i % 16, i / 16, 0x3c78b4); // (60, 120, 180)
        }
        Image decodedRgb = decoder.decode(Fixtures.encode(rgb, "jpeg"));
        assertEquals(new Shape(3, 16, 16), decodedRgb.shape());
        assertNear(60, Arrays.copyOfRange(decodedRgb.pixels(), 0, 256), 4);
        assertNear(180, Arrays.copyOfRange(decodedRgb.pixels(), 512, 768), 4);
    }

    @Test
    void truncatedOrAlteredFilesAreRefused() {
        byte[] png = Fixtures.numberedPng(7, 8);
        assertCode(RejectionCode.UNDECODABLE_IMAGE, () -> decoder.decode(Arrays.copyOf(png, png.length - 12)));
        assertCode(RejectionCode.UNDECODABLE_IMAGE, () -> decoder.decode(Arrays.copyOf(png, png.length / 2)));
        byte[] flipped = png.clone();
        flipped[png.length - 20] ^= 0x01;
        assertCode(RejectionCode.UNDECODABLE_IMAGE, () -> decoder.decode(flipped));

        BufferedImage noise = new BufferedImage(32, 32, BufferedImage.TYPE_3BYTE_BGR);
        for (int i = 0; i < 32 * 32; i++) {
            noise.setRGB(i % 32, i / 32, i * 7919);
        }
        byte[] jpeg = Fixtures.encode(noise, "jpeg");
        assertCode(RejectionCode.UNDECODABLE_IMAGE, () -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertCode(RejectionCode.UNDECODABLE_IMAGE, () -> decoder.decode("GIF89a".getBytes()));
    }

    @Test
    void imagesOverTheSizeLimitAreRefusedBeforeDecoding() {
        Rejection rejection = assertThrows(Rejection.class,
                () -> decoder.decode(Fixtures.grayPng(65, 10, new byte[650])));
        assertEquals(RejectionCode.IMAGE_TOO_LARGE, rejection.code());
        assertTrue(rejection.getMessage().contains("10x65"), rejection.getMessage());
    }

    @Test
    void interlacedPngsDecodeLikeTheirPixels() {
        BufferedImage gray = new BufferedImage(13, 7, BufferedImage.TYPE_BYTE_GRAY);
        int[] levels = new int[13 * 7];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = i * 2;
        }
        gray.getRaster().setSamples(0, 0, 13, 7, 0, levels);
        Image decoded = decoder.decode(Fixtures.interlacedPng(gray));
        assertEquals(new Shape(1, 7, 13), decoded.shape());
        for (int i = 0; i < levels.length; i++) {
            assertEquals(levels[i], decoded.pixels()[i] & 0xff);
        }
        BufferedImage argb = new BufferedImage(5, 3, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(4, 2, 0xff102030);
        Image rgb = decoder.decode(Fixtures.interlacedPng(argb));
        assertEquals(new Shape(3, 3, 5), rgb.shape());
        assertEquals(0x10, rgb.pixels()[14] & 0xff);
    }

    /** 28x28 8-bit gray needs 28 rows of a filter byte and 28 pixels: 812 bytes. */
    @Test
    void pngImageDataMustInflateToExactlyWhatItsHeaderCallsFor() {
        Image black = decoder.decode(Fixtures.grayPngWithImageData(28, 28, ZeroBombs.zlib(new byte[0], 812)));
        assertArrayEquals(new byte[28 * 28], black.pixels());

        Rejection bomb = assertThrows(Rejection.class,
                () -> decoder.decode(Fixtures.grayPngWithImageData(28, 28, ZeroBombs.zlib(new byte[0], 200L << 20))));
        assertEquals(RejectionCode.UNDECODABLE_IMAGE, bomb.code());
        assertTrue(bomb.getMessage().contains("inflates past the 812 bytes its 28x28 header"), bomb.getMessage());

        Rejection short_ = assertThrows(Rejection.class,
                () -> decoder.decode(Fixtures.grayPngWithImageData(28, 28, ZeroBombs.zlib(new byte[0], 811))));
        assertEquals(RejectionCode.UNDECODABLE_IMAGE, short_.code());
        assertTrue(short_.getMessage().contains("inflates to 811 bytes"), short_.getMessage());

        byte[] whole = ZeroBombs.zlib(new byte[0], 812);
        assertCode(RejectionCode.UNDECODABLE_IMAGE, () -> decoder.decode(
                Fixtures.grayPngWithImageData(28, 28, Fixtures.concat(whole, new byte[] {1, 2, 3}))));
        assertCode(RejectionCode.UNDECODABLE_IMAGE, () -> decoder.decode(
                Fixtures.grayPngWithImageData(28, 28, whole, new byte[] {1, 2, 3})));
        assertCode(RejectionCode.UNDECODABLE_IMAGE, () -> decoder.decode(
                Fixtures.grayPngWithImageData(28, 28, Arrays.copyOf(whole, whole.length - 4))));
        assertCode(RejectionCode.UNDECODABLE_IMAGE, () -> decoder.decode(
                Fixtures.grayPngWithImageData(28, 28, new byte[] {1, 2, 3, 4})));
    }

    @Test
    void bytesAfterThePngsEndAreRefused() {
        byte[] png = Fixtures.numberedPng(7, 8);
        Rejection trailing = assertThrows(Rejection.class,
                () -> decoder.decode(Fixtures.concat(png, "trailer".getBytes())));
        assertEquals(RejectionCode.UNDECODABLE_IMAGE, trailing.code());
        assertTrue(trailing.getMessage().contains("7 bytes after the IEND chunk"), trailing.getMessage());
    }

    private static int[] filled(int n, int value) {
        int[] out = new int[n];
        Arrays.fill(out, value);
        return out;
    }

    private static void assertNear(int expected, byte[] pixels, int tolerance) {
        for (byte pixel : pixels) {
            assertTrue(Math.abs((pixel & 0xff) - expected) <= tolerance, "pixel " + (pixel & 0xff) + " vs " + expected);
        }
    }
}
