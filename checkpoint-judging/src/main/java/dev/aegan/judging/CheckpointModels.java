package dev.aegan.judging;

import ai.djl.Device;
import dev.aegan.checkpoints.CheckpointReader;
import dev.aegan.checkpoints.UnreadableCheckpointException;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.judging.domain.SkipReason;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.checkpoint.InvalidSnapshotException;
import dev.aegan.models.checkpoint.ModelSnapshots;
import dev.aegan.models.checkpoint.RestoredModel;
import dev.aegan.models.registry.ModelRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/** The model a checkpoint holds, ready to judge against a dataset's held-out images. */
@ApplicationScoped
public class CheckpointModels {
    private final CheckpointReader reader;

    CheckpointModels(CheckpointReader reader) {
        this.reader = reader;
    }

    /**
     * The checkpoint's model on the CPU, for inference; the caller closes it.
     *
     * @param images held-out images of the run's dataset: the model must have been built for their shape
     * @throws UnevaluableCheckpointException when the objects are missing or corrupt, do not form a
     *                                        loadable model, or the model takes images of another shape
     */
    public RestoredModel restore(CheckpointEvent event, DatasetImages images) {
        RestoredModel restored;
        try {
            restored = ModelSnapshots.restore(reader.forInference(event), Device.cpu(), ModelRegistry::family);
        } catch (UnreadableCheckpointException e) {
            throw new UnevaluableCheckpointException(SkipReason.valueOf(e.problem().name()), e.getMessage(), e);
        } catch (InvalidSnapshotException e) {
            throw new UnevaluableCheckpointException(SkipReason.UNLOADABLE_MODEL, e.getMessage(), e);
        }
        ImageShape shape = new ImageShape(images.channels(), images.height(), images.width());
        if (!shape.equals(restored.model().shape())) {
            restored.close();
            throw new UnevaluableCheckpointException(SkipReason.SHAPE_MISMATCH, "checkpoint " + event.runId() + "@"
                    + event.step() + " was built for images " + restored.model().shape() + " but dataset '"
                    + images.dataset() + "' holds " + shape);
        }
        return restored;
    }
}
