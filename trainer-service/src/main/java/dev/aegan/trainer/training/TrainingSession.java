package dev.aegan.trainer.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.events.DataSeen;
import dev.aegan.contracts.events.DataSeen.DataArrival;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.api.ModelFamily;
import dev.aegan.models.core.Pixels;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.models.checkpoint.ModelSnapshots;
import dev.aegan.models.checkpoint.RestoredModel;
import dev.aegan.models.training.PhaseLoop;
import dev.aegan.models.registry.ModelRegistry;
import dev.aegan.store.ArtifactStore;
import dev.aegan.trainer.domain.RejectedSpecException;
import dev.aegan.trainer.domain.SpecRejection;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * One run's model, training loop and batch order, started fresh or rebuilt from a checkpoint.
 * A conditional model gets each batch's labels with its pixels. A run that follows its dataset
 * takes in the images appended to it ({@link #takeIn}) from a stated step on. Owns the model's
 * tensors: close it when the run leaves this replica.
 */
public final class TrainingSession implements AutoCloseable {
    private final GenerativeModel model;
    private final PhaseLoop loop;
    private final RunSpec spec;
    private final String device;
    private byte[] pixels;
    private int[] labels;
    private TrainingDataFingerprint trainingData;
    private BatchSchedule schedule;

    private TrainingSession(GenerativeModel model, PhaseLoop loop, RunSpec spec, byte[] pixels, int[] labels,
                            TrainingDataFingerprint trainingData) {
        this.model = model;
        this.loop = loop;
        this.spec = spec;
        this.device = trainingData.device();
        use(pixels, labels, trainingData);
    }

    private void use(byte[] pixels, int[] labels, TrainingDataFingerprint trainingData) {
        this.pixels = pixels;
        this.labels = labels;
        this.trainingData = trainingData;
        this.schedule = new BatchSchedule(spec.seed(), trainingData.prefixes(), imagesPerStep());
    }

    /**
     * A new model initialised from the spec's seed, drawing its batches from all {@code images}.
     *
     * @param heldOutImages how many held-out images the dataset had announced, recorded with the images
     * @throws RejectedSpecException for a conditional model and an image without a label in its classes
     */
    public static TrainingSession start(ModelFamily family, RunSpec spec, DatasetImages images, long heldOutImages,
                                        Device device) {
        ImageShape shape = new ImageShape(images.channels(), images.height(), images.width());
        GenerativeModel model = family.create(shape, spec.hyperparameters(), device);
        try {
            model.initialize(spec.seed());
            int[] labels = model.classes() > 0 ? checkedLabels(spec, images.labels(), model.classes()) : null;
            TrainingDataFingerprint trainingData = new TrainingDataFingerprint(TrainingDataFingerprint.SCHEMA,
                    images.count(), ArtifactStore.sha256(images.pixels()), labels == null ? null : labelsSha256(labels),
                    device.toString(), List.of(arrival(0, images.count(), heldOutImages)));
            return new TrainingSession(model, new PhaseLoop(model, spec.seed()), spec, images.pixels(), labels,
                    trainingData);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * The model, optimizer and step of a checkpoint, drawing batches from the same first images,
     * from the same steps on, as before the interruption.
     *
     * @throws IllegalStateException if those images are no longer on the dataset topic as they were
     */
    public static TrainingSession resume(RunSpec spec, Map<String, byte[]> checkpoint, DatasetImages images,
                                         Device device) {
        byte[] fingerprint = checkpoint.get(TrainingDataFingerprint.OBJECT);
        if (fingerprint == null) {
            throw new IllegalStateException("checkpoint has no " + TrainingDataFingerprint.OBJECT + "; it was not written by a trainer");
        }
        TrainingDataFingerprint previous = EventJson.read(fingerprint, TrainingDataFingerprint.class);
        byte[] pixels = sameFirstImages(spec, images, previous);
        int[] labels = null;
        if (previous.trainLabelsSha256() != null) {
            labels = Arrays.copyOf(images.labels(), previous.trainImages());
            if (!labelsSha256(labels).equals(previous.trainLabelsSha256())) {
                throw new IllegalStateException("the labels of the first " + previous.trainImages() + " training images "
                        + "of dataset '" + spec.dataset() + "' differ from those the run was trained on; it cannot "
                        + "resume exactly");
            }
        }
        RestoredModel restored = ModelSnapshots.restore(new ModelSnapshot(checkpoint), device, ModelRegistry::family);
        try {
            if (restored.seed() != spec.seed()) {
                throw new IllegalStateException("checkpoint was trained with seed " + restored.seed()
                        + ", the run's spec says " + spec.seed());
            }
            if (restored.model().classes() > 0 && labels == null) {
                throw new IllegalStateException("checkpoint of the conditional " + restored.model().familyName()
                        + " model records no training labels; it was not written by this trainer");
            }
            TrainingDataFingerprint trainingData = new TrainingDataFingerprint(TrainingDataFingerprint.SCHEMA,
                    previous.trainImages(), previous.trainImagesSha256(), previous.trainLabelsSha256(), device.toString(),
                    previous.arrivalsOrStart());
            return new TrainingSession(restored.model(), PhaseLoop.resume(restored), spec, pixels, labels, trainingData);
        } catch (RuntimeException e) {
            restored.close();
            throw e;
        }
    }

    /**
     * Takes in the images appended to the dataset since the batches' prefix was taken: from the next
     * step on, batches come from all of {@code images}. Call it only where a checkpoint follows
     * before the next step, so that the arrival is durable before any batch uses it.
     *
     * @param heldOutImages how many held-out images the dataset had announced, recorded with the arrival
     * @return false when {@code images} holds no image beyond those the batches come from already
     * @throws IllegalStateException if the images the run trained on are no longer the first of {@code images}
     * @throws RejectedSpecException for a conditional model and a new image without a label in its classes
     */
    public boolean takeIn(DatasetImages images, long heldOutImages) {
        if (images.count() <= trainingData.trainImages()) {
            return false;
        }
        sameFirstImages(spec, images, trainingData);
        int[] grownLabels = labels == null ? null : checkedLabels(spec, images.labels(), model.classes());
        List<DataArrival> arrivals = new ArrayList<>(trainingData.arrivalsOrStart());
        arrivals.add(arrival(completedSteps(), images.count(), heldOutImages));
        use(images.pixels(), grownLabels, new TrainingDataFingerprint(TrainingDataFingerprint.SCHEMA, images.count(),
                ArtifactStore.sha256(images.pixels()), grownLabels == null ? null : labelsSha256(grownLabels), device,
                List.copyOf(arrivals)));
        return true;
    }

    /** The pixels of the first images {@code fingerprint} names, checked against its SHA-256. */
    private static byte[] sameFirstImages(RunSpec spec, DatasetImages images, TrainingDataFingerprint fingerprint) {
        if (images.count() < fingerprint.trainImages()) {
            throw new IllegalStateException("dataset '" + spec.dataset() + "' now has " + images.count()
                    + " training images, the run was trained on " + fingerprint.trainImages()
                    + "; it cannot resume exactly (was the dataset topic truncated by retention?)");
        }
        byte[] first = images.pixelsOf(0, fingerprint.trainImages());
        if (!ArtifactStore.sha256(first).equals(fingerprint.trainImagesSha256())) {
            throw new IllegalStateException("the first " + fingerprint.trainImages() + " training images of dataset '"
                    + spec.dataset() + "' differ from those the run was trained on; it cannot resume exactly");
        }
        return first;
    }

    private static DataArrival arrival(long step, int trainImages, long heldOutImages) {
        return new DataArrival(step, Map.of(Split.TRAIN.wireName(), (long) trainImages,
                Split.HELDOUT.wireName(), heldOutImages));
    }

    /**
     * The images one step consumes: the spec's batch size times the batches a step of the model takes
     * (one per critic update for {@code wgan-gp}, one more for FlexAE's autoencoder step).
     */
    public int imagesPerStep() {
        return spec.batchSize() * loop.batchesPerStep();
    }

    /**
     * One training step on the next {@link #imagesPerStep()} images of the schedule, split by the loop
     * into the step's batches; every tensor it creates is closed before it returns.
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
        int[] batchLabels = labels == null ? null : IntStream.of(batch).map(i -> labels[i]).toArray();
        try (NDManager stepManager = model.manager().newSubManager()) {
            NDArray x = Pixels.toTensor(stepManager, batchPixels, batch.length, model.shape());
            return loop.step(x, batchLabels);
        }
    }

    private static int[] checkedLabels(RunSpec spec, int[] labels, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == ImageBatch.UNLABELLED) {
                long unlabelled = IntStream.of(labels).filter(label -> label == ImageBatch.UNLABELLED).count();
                throw new RejectedSpecException(SpecRejection.UNLABELLED_DATASET, "model " + spec.model()
                        + " is conditioned on class labels, but " + unlabelled + " of the " + labels.length
                        + " training images of dataset '" + spec.dataset() + "' have none (the first at position "
                        + i + ")");
            }
            if (labels[i] >= classes) {
                throw new RejectedSpecException(SpecRejection.INVALID_HYPERPARAMETER, "training image " + i
                        + " of dataset '" + spec.dataset() + "' has label " + labels[i] + ", outside the "
                        + ModelFamily.CLASSES + " = " + classes + " the model is conditioned on");
            }
        }
        return labels;
    }

    private static String labelsSha256(int[] labels) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * labels.length);
        bytes.asIntBuffer().put(labels);
        return ArtifactStore.sha256(bytes.array());
    }

    GenerativeModel model() {
        return model;
    }

    public long completedSteps() {
        return loop.completedSteps();
    }

    /** How many training images the batches are drawn from. */
    public int trainImages() {
        return trainingData.trainImages();
    }

    /** Which data a checkpoint at the current step was trained on, and from which steps. */
    public DataSeen dataSeen() {
        return trainingData.dataSeen();
    }

    /** The objects of a checkpoint at the current step: the model snapshot plus {@value TrainingDataFingerprint#OBJECT}. */
    public Map<String, byte[]> checkpointObjects() {
        Map<String, byte[]> objects = new LinkedHashMap<>(loop.snapshot(loop.completedSteps()).objects());
        objects.put(TrainingDataFingerprint.OBJECT, EventJson.write(trainingData));
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
