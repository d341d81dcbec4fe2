package dev.aegan.contracts.replay;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppliedOffsetsTest {

    @Test
    void aRecordIsClaimedOnceHoweverOftenItIsDeliveredAgain() {
        AppliedOffsets offsets = new AppliedOffsets();
        for (long offset = 0; offset < 3; offset++) {
            assertTrue(offsets.claim("t", 0, offset), "first delivery of " + offset);
        }
        // a rebalance sends the consumer back to the beginning
        for (long offset = 0; offset < 3; offset++) {
            assertFalse(offsets.claim("t", 0, offset), "replay of " + offset);
        }
        assertTrue(offsets.claim("t", 0, 3), "the first record past the replay");
    }

    @Test
    void partitionsAndTopicsAreTrackedApartAndGapsAreAllowed() {
        AppliedOffsets offsets = new AppliedOffsets();
        assertTrue(offsets.claim("t", 0, 5));
        assertTrue(offsets.claim("t", 1, 0), "another partition starts at its own beginning");
        assertTrue(offsets.claim("u", 0, 0), "another topic too");
        // offsets 6 and 7 were transaction markers or aborted records, never delivered
        assertTrue(offsets.claim("t", 0, 8));
        assertFalse(offsets.claim("t", 0, 7), "an offset below one applied is never applied late");
    }
}
