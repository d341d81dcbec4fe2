package dev.aegan.models.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PixelsTest {

    @Test
    void everyByteValueMapsToXOver127Point5MinusOneAndBack() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        ImageShape shape = new ImageShape(1, 16, 16);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray tensor = Pixels.toTensor(manager, all, 1, shape);
            assertEquals(new Shape(1, 1, 16, 16), tensor.getShape());
            float[] values = tensor.toFloatArray();
            assertEquals(-1f, values[0]);
            assertEquals(1f, values[255]);
            assertEquals(128 / 127.5f - 1f, values[128]);
            assertArrayEquals(all, Pixels.toBytes(tensor));
        }
    }

    @Test
    void valuesAreRoundedToTheNearestLevelAndOutOfRangeOnesClipped() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            // (x + 1) * 127.5: -3 -> 0, 2 -> 255, NaN -> 0, 0 -> 127.5 -> 128, 0.004 -> 128.01 -> 128, -0.004 -> 126.99 -> 127
            NDArray values = manager.create(new float[] {-3f, 2f, Float.NaN, 0f, 0.004f, -0.004f});
            assertArrayEquals(new byte[] {0, (byte) 255, 0, (byte) 128, (byte) 128, 127}, Pixels.toBytes(values));
        }
    }

    @Test
    void aPixelCountThatDoesNotMatchTheShapeIsRejected() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Pixels.toTensor(manager, new byte[100], 2, new ImageShape(1, 28, 28)));
            assertEquals("expected 2 images of shape 1x28x28 = 1568 bytes, got 100", e.getMessage());
        }
    }
}
