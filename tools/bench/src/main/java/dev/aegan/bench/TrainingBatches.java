package dev.aegan.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.models.core.ImageShape;
import dev.aegan.models.core.Pixels;
import dev.aegan.models.core.RandomStream;

/**
 * Batches of a dataset's training images for a model trained in this JVM: step s takes
 * {@code size} consecutive images from an offset drawn from {@code RandomStream.of(1).child("batches").child(s)}
 * (Fashion-MNIST's training images come in no class order).
 */
record TrainingBatches(DatasetImages images, int size) {

    NDArray batch(NDManager manager, int step, ImageShape shape) {
        int from = RandomStream.of(1).child("batches").child(step).nextInt(images.count() - size);
        return Pixels.toTensor(manager, images.pixelsOf(from, size), size, shape);
    }
}
