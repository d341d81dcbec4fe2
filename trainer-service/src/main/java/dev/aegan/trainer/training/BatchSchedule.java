package dev.aegan.trainer.training;

import dev.aegan.models.core.RandomStream;

/**
 * Which training images make up the batch of each step: the images are visited epoch after
 * epoch, each epoch in its own order, a Fisher-Yates shuffle drawn from (seed, epoch); batch k
 * holds positions [k * batchSize, (k + 1) * batchSize) of that endless sequence, so a batch may
 * span two epochs. A pure function of (seed, image count, batch size, step): a run resumed at
 * step k sees the batches the uninterrupted run would have seen.
 */
public final class BatchSchedule {
    private final long seed;
    private final int images;
    private final int batchSize;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    public BatchSchedule(long seed, int images, int batchSize) {
        if (images <= 0 || batchSize <= 0) {
            throw new IllegalArgumentException("need images and a positive batch size, got " + images + " and " + batchSize);
        }
        this.seed = seed;
        this.images = images;
        this.batchSize = batchSize;
    }

    /** Indices into the training images for the batch of zero-based step {@code step}. */
    public int[] batch(long step) {
        int[] indices = new int[batchSize];
        long position = step * batchSize;
        for (int i = 0; i < batchSize; i++, position++) {
            indices[i] = order(position / images)[(int) (position % images)];
        }
        return indices;
    }

    private int[] order(long epoch) {
        if (epoch != cachedEpoch) {
            cachedOrder = RandomStream.of(seed, epoch).child("batch-order").permutation(images);
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }
}
