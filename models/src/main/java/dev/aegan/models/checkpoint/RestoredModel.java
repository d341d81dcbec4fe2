package dev.aegan.models.checkpoint;

import dev.aegan.models.api.GenerativeModel;

/**
 * A model rebuilt from a checkpoint, with where its training stood. Closing it closes the model.
 *
 * <p>For inference use {@link #model()}; to continue training pass it to {@code PhaseLoop.resume}.
 */
public final class RestoredModel implements AutoCloseable {

    private final GenerativeModel model;
    private final long step;
    private final long seed;
    private final byte[] optimizerState;

    RestoredModel(GenerativeModel model, long step, long seed, byte[] optimizerState) {
        this.model = model;
        this.step = step;
        this.seed = seed;
        this.optimizerState = optimizerState;
    }

    public GenerativeModel model() {
        return model;
    }

    /** Completed training steps at the checkpoint. */
    public long step() {
        return step;
    }

    public long seed() {
        return seed;
    }

    /** Whether the checkpoint carries optimizer state, i.e. whether training can resume from it. */
    public boolean canResumeTraining() {
        return optimizerState != null;
    }

    /**
     * The checkpoint's Adam state ({@code optimizer.bin}), which {@code PhaseLoop.resume} continues from.
     *
     * @throws InvalidSnapshotException if the checkpoint has none
     */
    public byte[] optimizerState() {
        if (optimizerState == null) {
            throw new InvalidSnapshotException("checkpoint at step " + step + " has no " + ModelSnapshot.OPTIMIZER
                    + ": it can be loaded for inference only");
        }
        return optimizerState;
    }

    @Override
    public void close() {
        model.close();
    }
}
