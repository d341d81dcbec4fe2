package dev.aegan.models.checkpoint;

import dev.aegan.models.GenerativeModel;
import dev.aegan.models.training.AdamOptimizer;
import dev.aegan.models.training.PhaseLoop;

/**
 * A model rebuilt from a checkpoint, with where its training stood. Closing it closes the model.
 *
 * <p>For inference use {@link #model()}; to continue training call {@link #resumeTraining()}.
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

    /** Whether the checkpoint carries optimizer state, i.e. whether {@link #resumeTraining()} works. */
    public boolean canResumeTraining() {
        return optimizerState != null;
    }

    /**
     * A loop that continues exactly where the checkpointed run stopped (optimizer state, step
     * count, seed). Each call builds a new loop with its own copy of the optimizer state.
     *
     * @throws InvalidSnapshotException if the checkpoint has no optimizer state
     */
    public PhaseLoop resumeTraining() {
        if (optimizerState == null) {
            throw new InvalidSnapshotException("checkpoint at step " + step + " has no " + ModelSnapshot.OPTIMIZER
                    + ": it can be loaded for inference only");
        }
        AdamOptimizer optimizer = AdamOptimizer.fromBytes(model.manager(), optimizerState);
        return PhaseLoop.resume(model, seed, step, optimizer);
    }

    @Override
    public void close() {
        model.close();
    }
}
