package dev.aegan.contracts.events;

import java.time.Instant;
import java.util.List;

/**
 * A checkpoint of a run at a step. Published only after every object is written to
 * {@code bucket} and read back with the stated size and checksum. {@code dataSeen} says which images
 * of the dataset the checkpoint was trained on (absent in checkpoints of older trainers).
 */
public record CheckpointEvent(
        String schema,
        String runId,
        long step,
        boolean last,
        RunSpec spec,
        String bucket,
        List<StoredObject> objects,
        Instant at,
        DataSeen dataSeen) {

    public static final String SCHEMA = "aegan.checkpoint/v1";

    /** A checkpoint that does not say which data it saw. */
    public CheckpointEvent(String schema, String runId, long step, boolean last, RunSpec spec, String bucket,
                           List<StoredObject> objects, Instant at) {
        this(schema, runId, step, last, spec, bucket, objects, at, null);
    }
}
