package dev.aegan.gallery.state;

import dev.aegan.gallery.domain.MetricSeries;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesBufferTest {

    @Test
    void aLongRunKeepsAtMostTheLimitSpreadOverAllStepsWithTheNewestLast() {
        SeriesBuffer buffer = new SeriesBuffer(100);
        for (long step = 1; step <= 10_000; step++) {
            buffer.add(step, 1.0 / step);
        }
        MetricSeries series = buffer.view("vae/loss");
        assertTrue(series.steps().length <= 100, "kept " + series.steps().length);
        assertTrue(series.steps().length >= 50, "kept " + series.steps().length);
        assertEquals(1, series.steps()[0]);
        assertEquals(10_000, series.steps()[series.steps().length - 1]);
        assertEquals(1.0 / 10_000, series.values()[series.values().length - 1]);
        for (int i = 1; i < series.steps().length; i++) {
            assertTrue(series.steps()[i] > series.steps()[i - 1]);
            assertEquals(1.0 / series.steps()[i], series.values()[i]);
        }
    }

    @Test
    void aStepReportedAgainReplacesItsValue() {
        SeriesBuffer buffer = new SeriesBuffer(100);
        buffer.add(1, 5.0);
        buffer.add(2, 4.0);
        buffer.add(2, 3.5);
        MetricSeries series = buffer.view("vae/kl");
        assertArrayEquals(new long[] {1, 2}, series.steps());
        assertArrayEquals(new double[] {5.0, 3.5}, series.values());
    }

    @Test
    void aResumedRunReportingEarlierStepsAgainKeepsOnePointPerStepInStepOrderWithTheLatestValue() {
        SeriesBuffer buffer = new SeriesBuffer(100);
        for (long step = 1; step <= 10; step++) {
            buffer.add(step, step);
        }
        // the trainer crashed after step 10 and resumed from its checkpoint at step 6
        for (long step = 7; step <= 12; step++) {
            buffer.add(step, 100 + step);
        }
        MetricSeries series = buffer.view("vae/loss");
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, series.steps());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 107, 108, 109, 110, 111, 112}, series.values());
    }

    @Test
    void aStepMissingInTheMiddleIsPutInItsPlace() {
        SeriesBuffer buffer = new SeriesBuffer(100);
        buffer.add(1, 1);
        buffer.add(3, 3);
        buffer.add(2, 2);
        buffer.add(0, 0);
        assertArrayEquals(new long[] {0, 1, 2, 3}, buffer.view("x").steps());
        assertArrayEquals(new double[] {0, 1, 2, 3}, buffer.view("x").values());
    }
}
