package dev.aegan.models.phase;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.aegan.models.core.RandomStream;

/**
 * What a phase objective sees: the batch, the step, randomness that is a pure function of
 * (seed, step, phase index), and the store to run the model's blocks with (training mode). The
 * training loop builds one for each phase of each step.
 *
 * <p>Every tensor created while the step runs is closed when it ends; objectives need not close
 * anything. A batch is shared by all phases of the step on it ({@link TrainingPhase#batch()}): do not
 * modify it in place.
 *
 * @param batch the phase's batch of the step, float32 N x C x H x W in [-1, 1], on the model's device
 * @param labels that batch's one-hot classes, null for an unconditional model (see {@link #labels()})
 * @param step zero-based index of the step being run (= steps completed before it)
 * @param random this phase's stream for this step; also for Java-side choices (e.g. a random shift)
 * @param manager a manager on the model's device whose tensors are closed when the step ends
 */
public record PhaseContext(NDArray batch, NDArray labels, long step, RandomStream random, ParameterStore parameters,
        NDManager manager) {

    /**
     * The batch's classes, float32 N x classes one-hot codes on the model's device.
     *
     * @throws IllegalStateException for an unconditional model, whose loop gets no labels
     */
    @Override
    public NDArray labels() {
        if (labels == null) {
            throw new IllegalStateException("the batch has no labels: only a conditional model (classes() > 0) gets them");
        }
        return labels;
    }

    /** Standard normal noise from {@link #random()}, on the model's device. */
    public NDArray normal(Shape shape) {
        return random.normal(manager, shape);
    }

    /** Uniform noise in [low, high) from {@link #random()}, on the model's device. */
    public NDArray uniform(Shape shape, double low, double high) {
        return random.uniform(manager, shape, low, high);
    }
}
