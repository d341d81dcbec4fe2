package dev.aegan.models.checkpoint;

import dev.aegan.models.api.GenerativeModel;

/**
 * A model rebuilt from a checkpoint, with where its training stood. Closing it closes the model.
 *
 * <p>For inference use {@link #model()}; to continue training pass it to {@code PhaseLoop.resume}.
 *
 * @param step completed training steps at the checkpoint
 * @param optimizerState the Adam state ({@code optimizer.bin}); null for a checkpoint loaded for inference only
 */
public record RestoredModel(GenerativeModel model, long step, long seed, byte[] optimizerState)
        implements AutoCloseable {

    /** Whether the checkpoint carries optimizer state, i.e. whether training can resume from it. */
    public boolean canResumeTraining() {
        return optimizerState != null;
    }

    /**
     * The checkpoint's Adam state, which {@code PhaseLoop.resume} continues from.
     *
     * @throws InvalidSnapshotException if the checkpoint has none
     */
    @Override
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
