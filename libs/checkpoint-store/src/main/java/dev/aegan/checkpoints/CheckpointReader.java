package dev.aegan.checkpoints;

import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.StoredObject;
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
 * Reads a checkpoint back from S3 as a {@link ModelSnapshot} for inference: the training state and
 * every network's parameters, each checked against the size and SHA-256 its event recorded. The
 * optimizer state and the trainer's own objects are not read.
 */
@ApplicationScoped
public class CheckpointReader {
    private final ArtifactStore store;

    CheckpointReader(ArtifactStore store) {
        this.store = store;
    }

    /**
     * @throws UnreadableCheckpointException when an object is missing, differs from its record, or
     *                                       the objects do not name a loadable model
     * @throws ArtifactStoreException        when S3 could not be asked at all (worth a retry)
     */
    public ModelSnapshot forInference(CheckpointEvent event) {
        String prefix = CheckpointLayout.checkpointPrefix(event.runId(), event.step());
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
            throw new UnreadableCheckpointException(UnreadableCheckpointException.Problem.UNLOADABLE_MODEL,
                    e.getMessage(), e);
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
            throw new UnreadableCheckpointException(UnreadableCheckpointException.Problem.UNLOADABLE_MODEL,
                    "checkpoint " + event.runId() + "@" + event.step() + " names no object "
                            + CheckpointLayout.checkpointPrefix(event.runId(), event.step()) + name, null);
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
            throw new UnreadableCheckpointException(exists ? UnreadableCheckpointException.Problem.CHECKSUM_MISMATCH
                    : UnreadableCheckpointException.Problem.MISSING_OBJECT, e.getMessage(), e);
        }
    }
}
