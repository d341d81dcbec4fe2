package dev.aegan.evaluation.images;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.core.ClassCycle;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.core.RandomStream;

import java.util.Arrays;

/**
 * A model's samples and reconstructions, batch by batch, into Java memory: how every judge draws
 * from a checkpoint. The latent codes of the batch starting at sample i come from
 * {@code codes.child(i)}: every checkpoint sampled with one stream and batch size is sampled from
 * the same codes.
 */
public record SampleDrawing(int batchSize) {

    public SampleDrawing {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
    }

    /** {@code count} samples G(z), z ~ N(0, I) from {@code codes}; a conditional model's cycle through its classes. */
    public Images samples(GenerativeModel model, RandomStream codes, int count) {
        float[] values = new float[count * model.shape().pixelsPerImage()];
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            for (int from = 0; from < count; from += batchSize) {
                int n = Math.min(batchSize, count - from);
                try (NDArray z = codes.child(from).normal(manager, new Shape(n, model.latentDim()));
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
