package dev.aegan.metrics.store;

import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.metrics.domain.SkipReason;
import dev.aegan.metrics.evaluation.UnevaluableCheckpointException;
import dev.aegan.models.checkpoint.InvalidSnapshotException;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.models.checkpoint.ModelSnapshots;
import dev.aegan.models.checkpoint.TrainingState;
import dev.aegan.store.ArtifactStore;
import dev.aegan.store.ArtifactStoreException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads a checkpoint back from S3 as a {@link ModelSnapshot} for inference. The trainer stores
 * snapshot object {@code name} under {@code <runId>/step-<8 digits>/<name>}, beside objects of its
 * own (run state, optimizer state) that inference does not need and that are therefore not read.
 */
@ApplicationScoped
public class CheckpointObjects {
    private final ArtifactStore store;

    CheckpointObjects(ArtifactStore store) {
        this.store = store;
    }

    public static String prefix(String runId, long step) {
        return String.format("%s/step-%08d/", runId, step);
    }

    /**
     * The training state and every network's parameters, each checked against the size and SHA-256
     * the event recorded.
     *
     * @throws UnevaluableCheckpointException when an object is missing, differs from its record, or
     *                                        the event does not name a loadable model
     */
    public ModelSnapshot forInference(CheckpointEvent event) {
        String prefix = prefix(event.runId(), event.step());
        Map<String, StoredObject> byName = new HashMap<>();
        for (StoredObject object : event.objects()) {
            if (object.key().startsWith(prefix)) {
                byName.put(object.key().substring(prefix.length()), object);
            }
        }
        Map<String, byte[]> objects = new HashMap<>();
        objects.put(ModelSnapshot.TRAINING_STATE, read(event, byName, ModelSnapshot.TRAINING_STATE));
        TrainingState state;
        try {
            state = ModelSnapshots.trainingState(new ModelSnapshot(objects));
        } catch (InvalidSnapshotException e) {
            throw new UnevaluableCheckpointException(SkipReason.UNLOADABLE_MODEL, e.getMessage(), e);
        }
        for (String network : state.networks()) {
            String name = ModelSnapshot.networkKey(network);
            objects.put(name, read(event, byName, name));
        }
        return new ModelSnapshot(objects);
    }

    private byte[] read(CheckpointEvent event, Map<String, StoredObject> byName, String name) {
        StoredObject object = byName.get(name);
        if (object == null) {
            throw new UnevaluableCheckpointException(SkipReason.UNLOADABLE_MODEL, "checkpoint " + event.runId() + "@"
                    + event.step() + " names no object " + prefix(event.runId(), event.step()) + name);
        }
        try {
            return store.getVerified(event.bucket(), object);
        } catch (ArtifactStoreException e) {
            // ArtifactStore reports an absent or mismatching object without a cause, and wraps the
            // client's exception when S3 could not be asked at all: only the latter may pass.
            if (e.getCause() != null) {
                throw e;
            }
            boolean exists = store.exists(event.bucket(), object.key());
            throw new UnevaluableCheckpointException(exists ? SkipReason.CHECKSUM_MISMATCH : SkipReason.MISSING_OBJECT,
                    e.getMessage(), e);
        }
    }
}
