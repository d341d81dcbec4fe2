package dev.aegan.evaluation.metrics;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Against closed forms: every pixel of an image differs by the same known amount. Tolerance 1e-6 (float inputs). */
class ReconstructionMetricsTest {
    private static final int PIXELS = 16;

    @Test
    void mseIsOverPixelsInUnitRangeAndPsnrIsTheMeanOfPerImagePsnrs() {
        // image 0: black, reconstructed as mid-grey (y = 0 -> 0.5): MSE 0.25, PSNR 10 log10(4)
        // image 1: 51/255 = 0.2, reconstructed as 0.1 (y = -0.8): MSE 0.01, PSNR 20 dB
        byte[] originals = concat(filled(PIXELS, 0), filled(PIXELS, 51));
        float[] reconstructions = concat(filledF(PIXELS, 0f), filledF(PIXELS, -0.8f));

        ReconstructionMetrics m = new ReconstructionMetrics.Accumulator(PIXELS).add(originals, reconstructions).result();

        assertEquals((0.25 + 0.01) / 2, m.mse(), 1e-6);
        assertEquals((10 * Math.log10(4) + 20.0) / 2, m.psnrDb(), 1e-6);
        assertEquals(2, m.imageCount());
        // not the PSNR of the mean MSE, 8.86 dB here
        assertNotEquals(10 * Math.log10(1 / m.mse()), m.psnrDb(), 1.0);
    }

    @Test
    void batchesAddUpToTheWholeSet() {
        byte[] a = filled(PIXELS, 200);
        byte[] b = filled(PIXELS, 10);
        float[] ra = filledF(PIXELS, 0.3f);
        float[] rb = filledF(PIXELS, -0.7f);
        ReconstructionMetrics whole = new ReconstructionMetrics.Accumulator(PIXELS)
                .add(concat(a, b), concat(ra, rb)).result();
        ReconstructionMetrics batched = new ReconstructionMetrics.Accumulator(PIXELS).add(a, ra).add(b, rb).result();
        assertEquals(whole, batched);
    }

    @Test
    void outputsOutsideTheImageRangeAreClippedAndNaNIsBlack() {
        // 255 reconstructed as 1.7 -> clipped to 1: perfect, PSNR capped at 100 dB;
        // 255 reconstructed as NaN -> black: MSE 1, PSNR 0 dB
        ReconstructionMetrics m = new ReconstructionMetrics.Accumulator(PIXELS)
                .add(concat(filled(PIXELS, 255), filled(PIXELS, 255)), concat(filledF(PIXELS, 1.7f), filledF(PIXELS, Float.NaN)))
                .result();
        assertEquals(0.5, m.mse(), 1e-12);
        assertEquals((ReconstructionMetrics.PSNR_CAP_DB + 0.0) / 2, m.psnrDb(), 1e-9);
    }

    @Test
    void refusesPartialImages() {
        assertThrows(IllegalArgumentException.class,
                () -> new ReconstructionMetrics.Accumulator(PIXELS).add(new byte[PIXELS + 1], new float[PIXELS + 1]));
        assertThrows(IllegalStateException.class, () -> new ReconstructionMetrics.Accumulator(PIXELS).result());
    }

    private static byte[] filled(int n, int value) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) value);
        return out;
    }

    private static float[] filledF(int n, float value) {
        float[] out = new float[n];
        Arrays.fill(out, value);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
