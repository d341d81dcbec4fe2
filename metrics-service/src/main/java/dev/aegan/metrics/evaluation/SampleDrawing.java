package dev.aegan.metrics.evaluation;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.metrics.domain.Images;
import dev.aegan.models.core.ClassCycle;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.RandomStream;

import java.util.Arrays;

/**
 * The sampling stage: a checkpoint's samples and reconstructions, batch by batch, into Java
 * memory. Latent codes come from {@code RandomStream.of(seed).child(first index of the batch)}, so
 * every checkpoint (of every run) is sampled from the same codes.
 */
public final class SampleDrawing {
    private final int batchSize;
    private final long seed;

    public SampleDrawing(int batchSize, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** {@code count} samples G(z), z ~ N(0, I); a conditional model's cycle through its classes. */
    public Images samples(GenerativeModel model, int count) {
        float[] values = new float[count * model.shape().pixelsPerImage()];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            for (int from = 0; from < count; from += batchSize) {
                int n = Math.min(batchSize, count - from);
                try (NDArray z = RandomStream.of(seed).child(from).normal(manager, new Shape(n, model.latentDim()));
                     NDArray x = model.sample(z, ClassCycle.rows(from, n, model.classes()))) {
                    copy(x, values, from * model.shape().pixelsPerImage());
                }
            }
        }
        return new Images(model.shape(), count, values);
    }

    /**
     * The model's reconstruction of every image; only for a model that {@code canReconstruct()}.
     *
     * @param labels the originals' labels, which a conditional model needs
     */
    public Images reconstructions(GenerativeModel model, Images originals, int[] labels) {
        float[] values = new float[originals.values().length];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            for (int from = 0; from < originals.count(); from += batchSize) {
                int n = Math.min(batchSize, originals.count() - from);
                try (NDArray x = originals.tensor(manager, from, n);
                     NDArray y = model.reconstruct(x, Arrays.copyOfRange(labels, from, from + n))) {
                    copy(y, values, from * originals.shape().pixelsPerImage());
                }
            }
        }
        return new Images(originals.shape(), originals.count(), values);
    }

    private static void copy(NDArray images, float[] into, int offset) {
        float[] batch = images.toFloatArray();
        System.arraycopy(batch, 0, into, offset, batch.length);
    }
}
