package dev.aegan.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A checkpoint of a run at a step. Published only after every object is written to
 * {@code bucket} and read back with the stated size and checksum.
 */
public record CheckpointEvent(
        String schema,
        String runId,
        long step,
        boolean last,
        RunSpec spec,
        String bucket,
        List<StoredObject> objects,
        Instant at) {

    public static final String SCHEMA = "aegan.checkpoint/v1";
}
