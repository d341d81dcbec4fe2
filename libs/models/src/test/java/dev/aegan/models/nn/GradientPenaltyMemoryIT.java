package dev.aegan.models.nn;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** {@link GradientPenaltyMemoryTest} over 5,000 critic steps (~50 s of steps on one idle core). */
class GradientPenaltyMemoryIT {

    /** Growth bound 16 MB over 4,700 steps: a leak of 3.5 kB per step or more fails. */
    @Test
    void nativeMemoryAndTensorCountsStayFlatOverFiveThousandCriticSteps() throws IOException, InterruptedException {
        GradientPenaltyMemoryTest.assertFlat(5000, 16 * 1024);
    }
}
