package dev.aegan.ingest.catalog;

import dev.aegan.contracts.Split;
import dev.aegan.ingest.HeldOutRule;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeldOutSplitTest {

    @Test
    void matchesTheDocumentedRuleAndHoldsOutAboutTheFraction() {
        HeldOutSplit split = new HeldOutSplit(0.1);
        Random random = new Random(42);
        int heldOut = 0;
        int n = 5000;
        for (int i = 0; i < n; i++) {
            byte[] pixels = new byte[784];
            random.nextBytes(pixels);
            Split actual = split.of(pixels);
            assertEquals(HeldOutRule.expected(pixels, 100), actual);
            assertEquals(actual, split.of(pixels.clone()), "same pixels, same split");
            heldOut += actual == Split.HELDOUT ? 1 : 0;
        }
        // binomial(5000, 0.1): mean 500, sd 21.2; 5 sd either side
        assertTrue(Math.abs(heldOut - 500) < 106, "held out " + heldOut + " of " + n);
    }

    @Test
    void fractionZeroAndOneAreAllTrainAndAllHeldOut() {
        byte[] pixels = {1, 2, 3};
        assertEquals(Split.TRAIN, new HeldOutSplit(0).of(pixels));
        assertEquals(Split.HELDOUT, new HeldOutSplit(1).of(pixels));
    }
}
