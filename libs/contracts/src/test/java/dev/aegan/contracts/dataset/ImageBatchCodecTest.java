package dev.aegan.contracts.dataset;

import dev.aegan.contracts.Split;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageBatchCodecTest {

    private static ImageBatch sample() {
        byte[] pixels = new byte[2 * 3 * 4 * 5];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        return new ImageBatch("fashion-mnist", Split.HELDOUT, 3, 4, 5, pixels, new int[] {9, ImageBatch.UNLABELLED});
    }

    @Test
    void roundTripKeepsEveryField() {
        ImageBatch batch = sample();
        ImageBatch decoded = ImageBatchCodec.decode(ImageBatchCodec.encode(batch));
        assertEquals(batch.dataset(), decoded.dataset());
        assertEquals(Split.HELDOUT, decoded.split());
        assertEquals(3, decoded.channels());
        assertEquals(4, decoded.height());
        assertEquals(5, decoded.width());
        assertArrayEquals(batch.pixels(), decoded.pixels());
        assertArrayEquals(batch.labels(), decoded.labels());
    }

    @Test
    void layoutIsHeaderThenPixelsThenLabels() {
        byte[] bytes = ImageBatchCodec.encode(sample());
        int header = 18 + "fashion-mnist".length();
        assertEquals(header + 120 + 8, bytes.length);
        assertEquals('A', bytes[0]);
        assertEquals((byte) 7, bytes[header + 1]);
        assertEquals(9, bytes[header + 120 + 3]);
    }

    @Test
    void truncatedBatchIsRejectedWithAClearError() {
        byte[] bytes = ImageBatchCodec.encode(sample());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ImageBatchCodec.decode(Arrays.copyOf(bytes, bytes.length - 3)));
        assertEquals("truncated or corrupt image batch", error.getMessage());
    }

    @Test
    void pixelCountMustMatchShape() {
        assertThrows(IllegalArgumentException.class,
                () -> new ImageBatch("d", Split.TRAIN, 1, 2, 2, new byte[5], new int[] {0}));
    }
}
