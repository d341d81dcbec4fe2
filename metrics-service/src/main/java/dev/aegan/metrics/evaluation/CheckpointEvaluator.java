package dev.aegan.metrics.evaluation;


import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.judging.CheckpointJudge;
import dev.aegan.judging.CheckpointModels;
import dev.aegan.judging.UnevaluableCheckpointException;
import dev.aegan.judging.heldout.HeldOutImages;
import dev.aegan.metrics.MetricsConfig;
import dev.aegan.metrics.domain.ReconstructionMetrics;
import dev.aegan.models.GenerativeModel;
import dev.aegan.models.ImageShape;
import dev.aegan.models.Pixels;
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

    private final CheckpointModels models;
    private final HeldOutImages heldOut;
    private final int batchSize;
    private final int sampleCount;

    CheckpointEvaluator(CheckpointModels models, HeldOutImages heldOut, MetricsConfig config) {
        this.models = models;
        this.heldOut = heldOut;
        this.batchSize = config.batchSize();
        this.sampleCount = config.sampleCount();
    }

    /**
     * The checkpoint's {@value #MSE} and {@value #PSNR} events; none for a model without an encoder.
     *
     * @throws UnevaluableCheckpointException when the checkpoint or its dataset can never be evaluated
     */
    @Override
    public List<EvaluationEvent> judge(CheckpointEvent event) {
        DatasetImages images = heldOut.first(event.spec().dataset(), sampleCount);
        try (RestoredModel restored = models.restore(event, images);
             NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            GenerativeModel model = restored.model();
            if (!model.canReconstruct()) {
                return List.of();
            }
            ImageShape shape = model.shape();
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
}
