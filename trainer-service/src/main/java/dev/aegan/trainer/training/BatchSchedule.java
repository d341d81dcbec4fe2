package dev.aegan.trainer.training;

import dev.aegan.models.core.RandomStream;

import java.util.List;

/**
 * Which training images make up the batch of each step: the images are visited epoch after
 * epoch, each epoch in its own order, a Fisher-Yates shuffle drawn from (seed, epoch); batch k
 * holds positions [k * batchSize, (k + 1) * batchSize) of that endless sequence, so a batch may
 * span two epochs. A run that follows its dataset draws from a larger prefix of the images from
 * each arrival's step on: the epochs start afresh there, over the larger prefix, in orders drawn
 * from (seed, epoch) and that step. A pure function of (seed, prefixes, batch size, step): a run
 * resumed at step k sees the batches the uninterrupted run would have seen.
 */
public final class BatchSchedule {
    private final long seed;
    private final List<Prefix> prefixes;
    private final int batchSize;
    private Prefix cachedPrefix;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    /** From zero-based step {@code fromStep} on, batches come from the first {@code images} training images. */
    public record Prefix(long fromStep, int images) {
    }

    public BatchSchedule(long seed, int images, int batchSize) {
        this(seed, List.of(new Prefix(0, images)), batchSize);
    }

    /** @param prefixes the first from step 0, then by strictly increasing step and never fewer images */
    public BatchSchedule(long seed, List<Prefix> prefixes, int batchSize) {
        if (batchSize <= 0 || prefixes.isEmpty() || prefixes.get(0).fromStep() != 0) {
            throw new IllegalArgumentException("need a positive batch size and prefixes from step 0, got "
                    + batchSize + " and " + prefixes);
        }
        for (int i = 0; i < prefixes.size(); i++) {
            Prefix prefix = prefixes.get(i);
            if (prefix.images() <= 0 || i > 0 && (prefix.fromStep() <= prefixes.get(i - 1).fromStep()
                    || prefix.images() < prefixes.get(i - 1).images())) {
                throw new IllegalArgumentException("need images and prefixes growing step after step, got " + prefixes);
            }
        }
        this.seed = seed;
        this.prefixes = List.copyOf(prefixes);
        this.batchSize = batchSize;
    }

    /** Indices into the training images for the batch of zero-based step {@code step}. */
    public int[] batch(long step) {
        Prefix prefix = prefixAt(step);
        int[] indices = new int[batchSize];
        long position = (step - prefix.fromStep()) * batchSize;
        for (int i = 0; i < batchSize; i++, position++) {
            indices[i] = order(prefix, position / prefix.images())[(int) (position % prefix.images())];
        }
        return indices;
    }

    private Prefix prefixAt(long step) {
        Prefix at = prefixes.get(0);
        for (Prefix prefix : prefixes) {
            if (prefix.fromStep() <= step) {
                at = prefix;
            }
        }
        return at;
    }

    private int[] order(Prefix prefix, long epoch) {
        if (epoch != cachedEpoch || !prefix.equals(cachedPrefix)) {
            RandomStream stream = RandomStream.of(seed, epoch).child("batch-order");
            // The images a run started on keep the orders of a run that never followed its dataset.
            cachedOrder = (prefix.fromStep() == 0 ? stream : stream.child(prefix.fromStep())).permutation(prefix.images());
            cachedEpoch = epoch;
            cachedPrefix = prefix;
        }
        return cachedOrder;
    }
}
