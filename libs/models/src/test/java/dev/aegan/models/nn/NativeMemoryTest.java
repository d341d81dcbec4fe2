package dev.aegan.models.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.Pixels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * Tensors whose memory outlives their Java object. With DJL's own {@code x.mul(3f)} the first
 * test back-propagates 999 (the junk) instead of 3, every time: see {@link Scalars}.
 */
class NativeMemoryTest {

    @Test
    void constantsSurviveUntilBackwardWhateverTheGarbageCollectorDoes() {
        check((x, unused) -> Scalars.mul(x, 3f), new float[] {3f, 3f, 3f});
        check((x, unused) -> Scalars.div(x, 4f), new float[] {0.25f, 0.25f, 0.25f});
        check((x, unused) -> Scalars.pow(x, 2f), new float[] {2f, 4f, 6f});
        check((x, unused) -> Scalars.maximum(x, 1.5f), new float[] {0f, 1f, 1f});
    }

    @Test
    void aViewOfPixelsOutlivesTheTensorItWasTakenFrom() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            byte[] pixels = {0, 51, (byte) 255, 102};
            NDArray images = Pixels.toTensor(manager, pixels, 1, new ImageShape(1, 2, 2));
            float[] expected = images.toFloatArray();
            NDArray view = images.reshape(4);
            images.close();
            churnDirectMemory();
            assertArrayEquals(expected, view.toFloatArray());
        }
    }

    private static void check(BiFunction<NDArray, Void, NDArray> op, float[] expectedGradient) {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            NDArray x = manager.arange(1f, 4f);
            x.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = op.apply(x, null);
                churnDirectMemory();
                collector.backward(y.sum());
            }
            assertArrayEquals(expectedGradient, x.getGradient().toFloatArray());
        }
    }

    /** Lets the GC free unreachable direct buffers and refills freed memory with 999s. */
    private static void churnDirectMemory() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            List<ByteBuffer> junk = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
                for (int j = 0; j < 4; j++) {
                    b.putFloat(4 * j, 999f);
                }
                junk.add(b);
            }
        }
    }
}
