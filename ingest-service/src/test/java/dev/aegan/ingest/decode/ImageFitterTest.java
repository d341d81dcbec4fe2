package dev.aegan.ingest.decode;

import dev.aegan.ingest.domain.Image;
import dev.aegan.ingest.domain.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ImageFitterTest {

    @Test
    void grayBecomesRgbByCopyingItsPlane() {
        Image gray = new Image(new Shape(1, 1, 2), new byte[] {10, (byte) 200});
        Image rgb = ImageFitter.fit(gray, new Shape(3, 1, 2));
        assertArrayEquals(new byte[] {10, (byte) 200, 10, (byte) 200, 10, (byte) 200}, rgb.pixels());
    }

    @Test
    void rgbBecomesGrayByBt601Luma() {
        // pure red, green, blue: 0.299, 0.587, 0.114 of 255
        Image rgb = new Image(new Shape(3, 1, 3), new byte[] {(byte) 255, 0, 0, 0, (byte) 255, 0, 0, 0, (byte) 255});
        Image gray = ImageFitter.fit(rgb, new Shape(1, 1, 3));
        assertArrayEquals(new byte[] {76, (byte) 150, 29}, gray.pixels());
    }

    @Test
    void bilinearResizeSamplesAtPixelCentres() {
        // 1x2 -> 1x4: centres of the output map to input x = -0.25, 0.25, 0.75, 1.25 (clamped to 0..1)
        Image in = new Image(new Shape(1, 1, 2), new byte[] {0, (byte) 200});
        Image out = ImageFitter.fit(in, new Shape(1, 1, 4));
        assertArrayEquals(new byte[] {0, 50, (byte) 150, (byte) 200}, out.pixels());
        // 4x4 -> 2x2 averages each 2x2 block's centre pair
        byte[] block = new byte[16];
        for (int i = 0; i < 16; i++) {
            block[i] = (byte) (i < 8 ? 0 : 100);
        }
        Image down = ImageFitter.fit(new Image(new Shape(1, 4, 4), block), new Shape(1, 2, 2));
        assertArrayEquals(new byte[] {0, 0, 100, 100}, down.pixels());
        assertEquals(new Shape(1, 2, 2), down.shape());
    }
}
