package dev.aegan.trainer.training;

import dev.aegan.models.core.RandomStream;

import java.util.List;

/**
 * Which training images each step consumes: the images are visited epoch after epoch, each epoch
 * in its own order, a Fisher-Yates shuffle drawn from (seed, epoch); step k takes positions
 * [k * imagesPerStep, (k + 1) * imagesPerStep) of that endless sequence, so a step may span two
 * epochs. imagesPerStep is the run's batch size times the batches a step of its model takes (one
 * per critic update for wgan-gp), so every batch of a step is fresh. A run that follows its dataset draws from a larger prefix of the images from
 * each arrival's step on: the epochs start afresh there, over the larger prefix, in orders drawn
 * from (seed, epoch) and that step. A pure function of (seed, prefixes, images per step, step): a run
 * resumed at step k sees the batches the uninterrupted run would have seen.
 */
public final class BatchSchedule {
    private final long seed;
    private final List<Prefix> prefixes;
    private final int imagesPerStep;
    private Prefix cachedPrefix;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    /** From zero-based step {@code fromStep} on, batches come from the first {@code images} training images. */
    public record Prefix(long fromStep, int images) {
    }

    public BatchSchedule(long seed, int images, int imagesPerStep) {
        this(seed, List.of(new Prefix(0, images)), imagesPerStep);
    }

    /** @param prefixes the first from step 0, then by strictly increasing step and never fewer images */
    public BatchSchedule(long seed, List<Prefix> prefixes, int imagesPerStep) {
        if (imagesPerStep <= 0 || prefixes.isEmpty() || prefixes.get(0).fromStep() != 0) {
            throw new IllegalArgumentException("need a positive number of images per step and prefixes from step 0, got "
                    + imagesPerStep + " and " + prefixes);
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
        this.imagesPerStep = imagesPerStep;
    }

    /** Indices into the training images for zero-based step {@code step}, its batches one after the other. */
    public int[] batch(long step) {
        Prefix prefix = prefixAt(step);
        int[] indices = new int[imagesPerStep];
        long position = (step - prefix.fromStep()) * imagesPerStep;
        for (int i = 0; i < imagesPerStep; i++, position++) {
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
