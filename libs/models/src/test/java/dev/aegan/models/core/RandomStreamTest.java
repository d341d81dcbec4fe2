package dev.aegan.models.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomStreamTest {

    @Test
    void aStreamIsAPureFunctionOfItsKeys() {
        assertArrayEquals(RandomStream.of(1, 2, 0).normal(64), RandomStream.of(1, 2, 0).normal(64));
        assertFalse(Arrays.equals(RandomStream.of(1, 2, 0).normal(64), RandomStream.of(1, 3, 0).normal(64)));
        assertFalse(Arrays.equals(RandomStream.of(1, 2, 0).normal(64), RandomStream.of(1, 2, 1).normal(64)));
        assertFalse(Arrays.equals(RandomStream.of(1, 2).normal(64), RandomStream.of(2, 1).normal(64)));
        assertArrayEquals(RandomStream.of(5).child("encoder").normal(8), RandomStream.of(5).child("encoder").normal(8));
        assertFalse(Arrays.equals(RandomStream.of(5).child("encoder").normal(8),
                RandomStream.of(5).child("decoder").normal(8)));
    }

    @Test
    void normalValuesHaveMeanZeroAndVarianceOne() {
        float[] values = RandomStream.of(99).normal(200_001);
        double sum = 0;
        double squares = 0;
        for (float v : values) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / values.length;
        // Standard errors: 1/sqrt(n) ~ 0.0022 for the mean, sqrt(2/n) ~ 0.0032 for the variance; 5 sigma.
        assertEquals(0.0, mean, 0.011);
        assertEquals(1.0, squares / values.length - mean * mean, 0.016);
    }
}
