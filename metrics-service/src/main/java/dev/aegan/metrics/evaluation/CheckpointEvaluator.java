package dev.aegan.metrics.evaluation;

import dev.aegan.checkpoints.CheckpointReader;
import dev.aegan.checkpoints.UnreadableCheckpointException;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.judging.CheckpointJudge;
import dev.aegan.judging.UnevaluableCheckpointException;
import dev.aegan.judging.domain.SkipReason;
import dev.aegan.judging.heldout.HeldOutImages;
import dev.aegan.metrics.MetricsConfig;
import dev.aegan.metrics.domain.ReconstructionMetrics;
import dev.aegan.models.GenerativeModel;
import dev.aegan.models.ImageShape;
import dev.aegan.models.Pixels;
import dev.aegan.models.checkpoint.InvalidSnapshotException;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.models.checkpoint.ModelSnapshots;
import dev.aegan.models.checkpoint.RestoredModel;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/** Judges one checkpoint: reconstructs held-out images and measures the error in pixel space. */
@ApplicationScoped
public class CheckpointEvaluator implements CheckpointJudge {
    public static final String PRODUCER = "metrics-service";
    public static final String EXTRACTOR = "pixels";
    public static final String MSE = "reconstruction_mse";
    public static final String PSNR = "reconstruction_psnr";

    private final CheckpointReader objects;
    private final HeldOutImages heldOut;
    private final int batchSize;
    private final int sampleCount;

    CheckpointEvaluator(CheckpointReader objects, HeldOutImages heldOut, MetricsConfig config) {
        this.objects = objects;
        this.heldOut = heldOut;
        this.batchSize = config.batchSize();
        this.sampleCount = config.sampleCount();
    }

    /**
     * The checkpoint's {@value #MSE} and {@value #PSNR} events.
     *
     * @throws UnevaluableCheckpointException when the checkpoint or its dataset can never be evaluated
     */
    @Override
    public List<EvaluationEvent> judge(CheckpointEvent event) {
        ModelSnapshot snapshot;
        try {
            snapshot = objects.forInference(event);
        } catch (UnreadableCheckpointException e) {
            throw new UnevaluableCheckpointException(SkipReason.valueOf(e.problem().name()), e.getMessage(), e);
        }
        DatasetImages images = heldOut.first(event.spec().dataset(), sampleCount);
        try (RestoredModel restored = restore(snapshot);
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            GenerativeModel model = restored.model();
            ImageShape shape = new ImageShape(images.channels(), images.height(), images.width());
            if (!shape.equals(model.shape())) {
                throw new UnevaluableCheckpointException(SkipReason.SHAPE_MISMATCH, "checkpoint "
                        + event.runId() + "@" + event.step() + " was built for images " + model.shape()
                        + " but dataset '" + images.dataset() + "' holds " + shape);
            }
            ReconstructionMetrics.Accumulator metrics = new ReconstructionMetrics.Accumulator(shape.pixelsPerImage());
            for (int from = 0; from < images.count(); from += batchSize) {
                int n = Math.min(batchSize, images.count() - from);
                byte[] originals = images.pixelsOf(from, n);
                try (NDArray x = Pixels.toTensor(manager, originals, n, shape); NDArray y = model.reconstruct(x)) {
                    metrics.add(originals, y.toFloatArray());
                }
            }
            ReconstructionMetrics result = metrics.result();
            Instant at = Instant.now();
            String group = event.spec().group();
            return List.of(
                    new EvaluationEvent(EvaluationEvent.SCHEMA, event.runId(), group, event.step(), MSE, result.mse(),
                            EXTRACTOR, result.imageCount(), PRODUCER, at),
                    new EvaluationEvent(EvaluationEvent.SCHEMA, event.runId(), group, event.step(), PSNR,
                            result.psnrDb(), EXTRACTOR, result.imageCount(), PRODUCER, at));
        }
    }

    private static RestoredModel restore(ModelSnapshot snapshot) {
        try {
            return ModelSnapshots.restore(snapshot, Device.cpu());
        } catch (InvalidSnapshotException e) {
            throw new UnevaluableCheckpointException(SkipReason.UNLOADABLE_MODEL, e.getMessage(), e);
        }
    }
}
