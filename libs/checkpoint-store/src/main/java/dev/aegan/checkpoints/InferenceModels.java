package dev.aegan.checkpoints;

import ai.djl.Device;
import dev.aegan.checkpoints.UnreadableCheckpointException.Problem;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.checkpoint.InvalidSnapshotException;
import dev.aegan.models.checkpoint.ModelSnapshots;
import dev.aegan.models.checkpoint.RestoredModel;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.store.ArtifactStoreException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The model a checkpoint holds, restored on the CPU for inference: what every service that samples,
 * reconstructs or judges a checkpoint loads it with, and the one check that it fits its dataset.
 */
@ApplicationScoped
public class InferenceModels {
    private final CheckpointReader reader;

    InferenceModels(CheckpointReader reader) {
        this.reader = reader;
    }

    /**
     * The checkpoint's model on the CPU; the caller closes it.
     *
     * @throws UnreadableCheckpointException when the objects are missing or corrupt, or do not form a loadable model
     * @throws ArtifactStoreException        when S3 could not be asked at all (worth a retry)
     */
    public RestoredModel restore(CheckpointEvent event) {
        try {
            return ModelSnapshots.restore(reader.forInference(event), Device.cpu(), ModelRegistry::family);
        } catch (InvalidSnapshotException e) {
            throw new UnreadableCheckpointException(Problem.UNLOADABLE_MODEL, e.getMessage(), e);
        }
    }

    /**
     * The checkpoint's model, checked against {@code images} of its dataset ({@link #requireFits}); the
     * caller closes it.
     *
     * @throws UnreadableCheckpointException as {@link #restore(CheckpointEvent)} does, and when the model
     *                                       takes images of another shape
     */
    public RestoredModel restore(CheckpointEvent event, DatasetImages images) {
        RestoredModel restored = restore(event);
        try {
            requireFits(event, restored.model(), images);
            return restored;
        } catch (RuntimeException e) {
            restored.close();
            throw e;
        }
    }

    /**
     * @throws UnreadableCheckpointException ({@link Problem#SHAPE_MISMATCH}) when {@code model}, the
     *                                       checkpoint's, was built for images of another shape than {@code images}
     */
    public static void requireFits(CheckpointEvent event, GenerativeModel model, DatasetImages images) {
        ImageShape shape = shapeOf(images);
        if (!shape.equals(model.shape())) {
            throw new UnreadableCheckpointException(Problem.SHAPE_MISMATCH, "checkpoint " + event.runId() + "@"
                    + event.step() + " was built for images " + model.shape() + " but dataset '" + images.dataset()
                    + "' holds " + shape, null);
        }
    }

    /** The shape of one of the dataset's images. */
    public static ImageShape shapeOf(DatasetImages images) {
        return new ImageShape(images.channels(), images.height(), images.width());
    }
}
