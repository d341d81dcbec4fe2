package dev.aegan.gallery;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.models.core.Pixels;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.models.training.PhaseLoop;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A model trained in the test JVM, as a trainer would, so the gallery gets real losses and checkpoints. */
final class TrainingRun implements AutoCloseable {
    private final GenerativeModel model;
    private final PhaseLoop loop;
    private final NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch");
    private final ImageShape shape;
    private final byte[] images;
    private final int batchSize;

    TrainingRun(String family, ImageShape shape, byte[] images, int batchSize, Map<String, Object> hyperparameters,
                long seed) {
        this.shape = shape;
        this.images = images;
        this.batchSize = batchSize;
        this.model = ModelRegistry.family(family).create(shape, hyperparameters, Device.cpu());
        this.loop = new PhaseLoop(model, seed);
    }

    /** One step on the next batch of images (cycling through them); returns the step's losses. */
    Map<String, Float> step() {
        int count = images.length / shape.pixelsPerImage();
        int from = (int) (loop.completedSteps() * batchSize % (count - batchSize + 1));
        byte[] batch = new byte[batchSize * shape.pixelsPerImage()];
        System.arraycopy(images, from * shape.pixelsPerImage(), batch, 0, batch.length);
        try (NDArray x = Pixels.toTensor(manager, batch, batchSize, shape)) {
            return loop.step(x);
        }
    }

    /** Trains {@code steps} steps and publishes each step's losses as the trainer would. */
    void trainAndPublish(TestPlatform platform, RunSpec spec, int steps) {
        for (int i = 0; i < steps; i++) {
            Map<String, Float> losses = step();
            Map<String, Double> values = new LinkedHashMap<>();
            losses.forEach((name, value) -> values.put(name, value.doubleValue()));
            platform.sendEvent(Topics.TRAINING_METRICS, spec.runId(), new TrainingMetricEvent(
                    TrainingMetricEvent.SCHEMA, spec.runId(), spec.group(), completedSteps(), values, 2000.0, Instant.now()));
        }
    }

    long completedSteps() {
        return loop.completedSteps();
    }

    ModelSnapshot snapshot() {
        return loop.snapshot(loop.completedSteps());
    }

    @Override
    public void close() {
        loop.close();
        manager.close();
        model.close();
    }
}
