package dev.aegan.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.models.GenerativeModel;
import dev.aegan.models.ImageShape;
import dev.aegan.models.ModelFamily;
import dev.aegan.models.Pixels;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.models.checkpoint.ModelSnapshots;
import dev.aegan.models.checkpoint.RestoredModel;
import dev.aegan.models.training.PhaseLoop;
import dev.aegan.store.ArtifactStore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run's model, training loop and batch order, started fresh or rebuilt from a checkpoint.
 * Owns the model's tensors: close it when the run leaves this replica.
 */
public final class TrainingSession implements AutoCloseable {
    private final GenerativeModel model;
    private final PhaseLoop loop;
    private final BatchSchedule schedule;
    private final byte[] pixels;
    private final RunState state;

    private TrainingSession(GenerativeModel model, PhaseLoop loop, RunSpec spec, byte[] pixels, RunState state) {
        this.model = model;
        this.loop = loop;
        this.pixels = pixels;
        this.state = state;
        this.schedule = new BatchSchedule(spec.seed(), state.trainImages(), spec.batchSize());
    }

    /** A new model initialised from the spec's seed, drawing its batches from all {@code images}. */
    public static TrainingSession start(ModelFamily family, RunSpec spec, DatasetImages images, Device device) {
        ImageShape shape = new ImageShape(images.channels(), images.height(), images.width());
        GenerativeModel model = family.create(shape, spec.hyperparameters(), device);
        try {
            model.initialize(spec.seed());
            RunState state = new RunState(RunState.SCHEMA, images.count(), ArtifactStore.sha256(images.pixels()),
                    device.toString());
            return new TrainingSession(model, new PhaseLoop(model, spec.seed()), spec, images.pixels(), state);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * The model, optimizer and step of a checkpoint, drawing batches from the same first images
     * as before the interruption.
     *
     * @throws IllegalStateException if those images are no longer on the dataset topic as they were
     */
    public static TrainingSession resume(RunSpec spec, Map<String, byte[]> checkpoint, DatasetImages images,
                                         Device device) {
        byte[] runState = checkpoint.get(RunState.OBJECT);
        if (runState == null) {
            throw new IllegalStateException("checkpoint has no " + RunState.OBJECT + "; it was not written by a trainer");
        }
        RunState previous = EventJson.read(runState, RunState.class);
        if (images.count() < previous.trainImages()) {
            throw new IllegalStateException("dataset '" + spec.dataset() + "' now has " + images.count()
                    + " training images, the run was trained on " + previous.trainImages()
                    + "; it cannot resume exactly (was the dataset topic truncated by retention?)");
        }
        byte[] pixels = images.pixelsOf(0, previous.trainImages());
        if (!ArtifactStore.sha256(pixels).equals(previous.trainImagesSha256())) {
            throw new IllegalStateException("the first " + previous.trainImages() + " training images of dataset '"
                    + spec.dataset() + "' differ from those the run was trained on; it cannot resume exactly");
        }
        RestoredModel restored = ModelSnapshots.restore(new ModelSnapshot(checkpoint), device);
        try {
            if (restored.seed() != spec.seed()) {
                throw new IllegalStateException("checkpoint was trained with seed " + restored.seed()
                        + ", the run's spec says " + spec.seed());
            }
            RunState state = new RunState(RunState.SCHEMA, previous.trainImages(), previous.trainImagesSha256(),
                    device.toString());
            return new TrainingSession(restored.model(), restored.resumeTraining(), spec, pixels, state);
        } catch (RuntimeException e) {
            restored.close();
            throw e;
        }
    }

    /**
     * One training step on the next batch; every tensor it creates is closed before it returns.
     *
     * @return the phases' losses and metrics, named {@code <phase>/<quantity>}
     */
    public Map<String, Float> step() {
        int[] batch = schedule.batch(loop.completedSteps());
        int imageSize = model.shape().pixelsPerImage();
        byte[] batchPixels = new byte[batch.length * imageSize];
        for (int i = 0; i < batch.length; i++) {
            System.arraycopy(pixels, batch[i] * imageSize, batchPixels, i * imageSize, imageSize);
        }
        try (NDManager stepManager = model.manager().newSubManager()) {
            NDArray x = Pixels.toTensor(stepManager, batchPixels, batch.length, model.shape());
            return loop.step(x);
        }
    }

    GenerativeModel model() {
        return model;
    }

    public long completedSteps() {
        return loop.completedSteps();
    }

    /** How many training images the batches are drawn from. */
    public int trainImages() {
        return state.trainImages();
    }

    /** The objects of a checkpoint at the current step: the model snapshot plus {@value RunState#OBJECT}. */
    public Map<String, byte[]> checkpointObjects() {
        Map<String, byte[]> objects = new LinkedHashMap<>(model.snapshot(loop, loop.completedSteps()).objects());
        objects.put(RunState.OBJECT, EventJson.write(state));
        return objects;
    }

    @Override
    public void close() {
        try {
            loop.close();
        } finally {
            model.close();
        }
    }
}
