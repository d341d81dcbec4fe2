package dev.aegan.models.wae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.core.OwnedArrays;
import org.junit.jupiter.api.Test;

class InverseMultiquadraticMmdTest {

    /**
     * Codes q = (0, 1) and prior draws z = (0, 3) in one dimension, by hand: squared distances
     * within q 1, within z 9, across 0, 9, 1, 4; with C = 2 s,
     * MMD = sum_s [(2 k(1) + 2 k(9)) / 2 - 2/4 (k(0) + k(9) + k(1) + k(4))], k(d) = C / (C + d).
     */
    @Test
    void theStatisticMatchesAHandComputationOnTwoPointsPerSample() {
        double expected = 0;
        for (double s : InverseMultiquadraticMmd.SCALES) {
            double c = 2 * s;
            double within = (2 * c / (c + 1) + 2 * c / (c + 9)) / 2;
            double across = 2.0 / 4 * (1 + c / (c + 9) + c / (c + 1) + c / (c + 4));
            expected += within - across;
        }
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            float mmd = InverseMultiquadraticMmd.of(OwnedArrays.of(manager, new float[] {0, 1}, new Shape(2, 1)),
                    OwnedArrays.of(manager, new float[] {0, 3}, new Shape(2, 1))).getFloat();
            assertEquals(expected, mmd, 1e-6);
        }
    }

    @Test
    void samplesOfOnePointOrOfDifferentSizesAreRefused() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InverseMultiquadraticMmd.of(
                    manager.zeros(new Shape(1, 3)), manager.zeros(new Shape(1, 3))));
            assertTrue(e.getMessage().contains("size >= 2"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> InverseMultiquadraticMmd.of(manager.zeros(new Shape(3, 2)),
                    manager.zeros(new Shape(2, 2))));
        }
    }
}
