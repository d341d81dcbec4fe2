package dev.aegan.gallery.state;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class StepRateTest {
    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void measuresStepsPerSecondOverTheLatestReports() {
        StepRate rate = new StepRate();
        assertNull(rate.stepsPerSecond());
        rate.add(1, START);
        assertNull(rate.stepsPerSecond(), "one report is no speed");
        // slow at first, then 4 steps a second for longer than the window
        rate.add(2, START.plusSeconds(10));
        for (int i = 1; i <= 2 * StepRate.WINDOW; i++) {
            rate.add(2 + i, START.plusSeconds(10).plusMillis(250L * i));
        }
        assertEquals(4.0, rate.stepsPerSecond(), 1e-9);
    }

    @Test
    void aResumedRunIsMeasuredFromItsResumeNotAcrossItsPause() {
        StepRate rate = new StepRate();
        for (int step = 1; step <= 10; step++) {
            rate.add(step, START.plusSeconds(step));
        }
        // crashed after step 10, resumed an hour later from the checkpoint at step 8: twice as fast now
        Instant resumed = START.plusSeconds(3600);
        for (int step = 9; step <= 12; step++) {
            rate.add(step, resumed.plusMillis(500L * (step - 9)));
        }
        assertEquals(2.0, rate.stepsPerSecond(), 1e-9);

        rate.restart();
        assertNull(rate.stepsPerSecond(), "a resumed event forgets the speed before it");
    }
}
