package dev.aegan.metrics.evaluation;

import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.DataSeen;
import dev.aegan.contracts.events.RunSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A checkpoint of a run following a growing dataset is compared with the held-out prefix it saw. */
class HeldOutSeenTest {
    private static final RunSpec SPEC = new RunSpec(RunSpec.SCHEMA, "r", null, "vae", "d", 1, 10, 4, 5, Map.of());

    private static CheckpointEvent checkpoint(DataSeen seen) {
        return new CheckpointEvent(CheckpointEvent.SCHEMA, "r", 5, false, SPEC, "checkpoints", List.of(), Instant.now(),
                seen);
    }

    private static DataSeen heldOut(long count) {
        Map<String, Long> counts = Map.of("train", 100L, "heldout", count);
        return new DataSeen(counts, "0".repeat(64), List.of(new DataSeen.DataArrival(0, counts)));
    }

    @Test
    void theHeldOutImagesTheCheckpointSawBoundTheReference() {
        assertEquals(300, MetricsJudge.heldOutSeen(checkpoint(heldOut(300)), 1000));
        assertEquals(1000, MetricsJudge.heldOutSeen(checkpoint(heldOut(5000)), 1000));
    }

    @Test
    void aCheckpointThatDoesNotSayOrSawNoneIsComparedWithWhatThereIs() {
        assertEquals(1000, MetricsJudge.heldOutSeen(checkpoint(null), 1000));
        assertEquals(1000, MetricsJudge.heldOutSeen(checkpoint(heldOut(0)), 1000));
    }
}
