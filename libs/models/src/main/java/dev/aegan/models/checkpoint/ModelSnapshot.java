package dev.aegan.models.checkpoint;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A checkpoint as named byte objects, ready to be written to an object store one object per entry:
 * {@code training-state.json} ({@link TrainingState}), {@code networks/<name>.params} (DJL's
 * parameter format, one per network) and {@code optimizer.bin} (the Adam state).
 */
public record ModelSnapshot(Map<String, byte[]> objects) {

    public static final String TRAINING_STATE = "training-state.json";
    public static final String OPTIMIZER = "optimizer.bin";

    public ModelSnapshot {
        objects = Collections.unmodifiableMap(new TreeMap<>(objects));
    }

    public static String networkKey(String network) {
        return "networks/" + network + ".params";
    }

    /** @throws InvalidSnapshotException if the object is missing */
    public byte[] object(String key) {
        byte[] bytes = objects.get(key);
        if (bytes == null) {
            throw new InvalidSnapshotException("checkpoint has no object " + key + "; it has " + objects.keySet());
        }
        return bytes;
    }

    public boolean has(String key) {
        return objects.containsKey(key);
    }
}
