package dev.aegan.ingest.decode;

import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.Fixtures;
import dev.aegan.ingest.ZeroBombs;
import dev.aegan.ingest.domain.Image;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;

import static dev.aegan.ingest.RejectionAssert.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Plain PNGs decoded from the checked image data give exactly what the JDK's decoder gives. */
class PngScanlinesTest {
    private static final ImageSizeLimit LIMIT = new ImageSizeLimit(64, 64);
    private final ImageDecoder decoder = new ImageDecoder(64, 64);

    @Test
    void plainPngsDecodeAsTheJdkDecoderReadsThem() throws IOException {
        Random random = new Random(3);
        for (BufferedImage image : new BufferedImage[] {
                new BufferedImage(29, 17, BufferedImage.TYPE_BYTE_GRAY),
                grayWithAlpha(23, 11),
                new BufferedImage(31, 13, BufferedImage.TYPE_3BYTE_BGR),
                new BufferedImage(19, 21, BufferedImage.TYPE_4BYTE_ABGR)}) {
            for (boolean noise : new boolean[] {true, false}) {
                fill(image.getRaster(), random, noise);
                byte[] png = Fixtures.encode(image, "png");
                assertNotNull(PngChunks.verify(png, LIMIT), "decoded from its checked image data");
                Image jdk = ImageDecoder.toImage(ImageIO.read(new ByteArrayInputStream(png)));
                Image decoded = decoder.decode(png);
                assertEquals(jdk.shape(), decoded.shape());
                assertArrayEquals(jdk.pixels(), decoded.pixels(), "type " + image.getType() + ", noise " + noise);
            }
        }
    }

    /** Rows of random bytes under every row filter, each colour type: the JDK's decoder undoes them too. */
    @Test
    void everyRowFilterIsUndoneAsTheJdkDecoderDoes() throws IOException {
        Random random = new Random(7);
        int width = 13;
        int height = 40;
        for (int colourType : new int[] {0, 2, 4, 6}) {
            int stride = width * PngScanlines.samplesPerPixel(colourType);
            byte[] rows = new byte[height * (stride + 1)];
            random.nextBytes(rows);
            for (int y = 0; y < height; y++) {
                rows[y * (stride + 1)] = (byte) (y % 5);
            }
            byte[] png = Fixtures.pngWithImageData(width, height, colourType, zlib(rows));
            assertNotNull(PngChunks.verify(png, LIMIT));
            Image jdk = ImageDecoder.toImage(ImageIO.read(new ByteArrayInputStream(png)));
            assertArrayEquals(jdk.pixels(), decoder.decode(png).pixels(), "colour type " + colourType);
        }
    }

    @Test
    void pngsWithChunksThatChangeTheirSamplesGoToTheJdkDecoder() throws IOException {
        BufferedImage gray = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        fill(gray.getRaster(), new Random(5), true);
        byte[] withGamma = withGamma(gray);
        assertNull(PngChunks.verify(withGamma, LIMIT));
        assertArrayEquals(ImageDecoder.toImage(ImageIO.read(new ByteArrayInputStream(withGamma))).pixels(),
                decoder.decode(withGamma).pixels());
        assertNull(PngChunks.verify(Fixtures.encode(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_BINARY), "png"),
                LIMIT), "1-bit images are not plain");
    }

    @Test
    void anUnknownRowFilterIsRefused() {
        assertCode(RejectionCode.UNDECODABLE_IMAGE,
                () -> decoder.decode(Fixtures.grayPngWithImageData(28, 28, ZeroBombs.zlib(new byte[] {5}, 811))));
    }

    /** Random samples, or smooth ramps (which the JDK's writer encodes with other row filters). */
    private static void fill(WritableRaster raster, Random random, boolean noise) {
        for (int y = 0; y < raster.getHeight(); y++) {
            for (int x = 0; x < raster.getWidth(); x++) {
                for (int band = 0; band < raster.getNumBands(); band++) {
                    int ramp = (x * 9 + y * 5 + band * 40) & 0xff;
                    raster.setSample(x, y, band, noise ? random.nextInt(256) : ramp);
                }
            }
        }
    }

    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length * 2 + 64];
        int length = deflater.deflate(out);
        deflater.end();
        return Arrays.copyOf(out, length);
    }

    private static BufferedImage grayWithAlpha(int width, int height) {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false,
                Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
        return new BufferedImage(model, model.createCompatibleWritableRaster(width, height), false, null);
    }

    private static byte[] withGamma(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), null);
        IIOMetadataNode gamma = new IIOMetadataNode("gAMA");
        gamma.setAttribute("value", "45455");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(gamma);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(new IIOImage(image, null, metadata));
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }
}
