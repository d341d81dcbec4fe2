package dev.aegan.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import dev.aegan.models.api.GenerativeModel;
import dev.aegan.models.checkpoint.InvalidSnapshotException;
import dev.aegan.models.checkpoint.ModelSnapshot;
import dev.aegan.models.checkpoint.ModelSnapshots;
import dev.aegan.models.checkpoint.RestoredModel;
import dev.aegan.models.core.RandomStream;
import dev.aegan.models.nn.LearnedParameters;
import dev.aegan.models.nn.OneHot;
import dev.aegan.models.phase.PhaseContext;
import dev.aegan.models.phase.PhaseLoss;
import dev.aegan.models.phase.TrainingPhase;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a model's training phases, in order, once per step; knows nothing of any one model. A step takes
 * {@link #batchesPerStep()} batches of one size, concatenated, and each phase sees the one it names
 * ({@link TrainingPhase#batch()}).
 *
 * <p>Each phase: freeze every network the phase does not update, zero the gradients of those it
 * does, compute the loss inside its own GradientCollector, backward, then apply Adam to the
 * phase's networks only. Per-step randomness is {@code RandomStream.of(seed, step, phaseIndex)}
 * (drawn in Java, not from torch's global generator), so a run resumed from a checkpoint at step
 * k repeats the uninterrupted run bit for bit, given the same libtorch thread count.
 *
 * <p>DJL allows one open GradientCollector per JVM, so phases of loops in different threads take
 * turns on a JVM-wide lock (the optimizer update runs outside it). Every tensor created during a
 * step is closed when the step returns, so memory stays flat. Not thread-safe itself: one thread
 * drives one loop.
 */
public final class PhaseLoop implements AutoCloseable {

    private static final ReentrantLock GRADIENT_COLLECTOR = new ReentrantLock();

    private final GenerativeModel model;
    private final long seed;
    private final AdamOptimizer optimizer;
    private final List<TrainingPhase> phases;
    private final int batchesPerStep;
    private long completedSteps;

    /** A fresh loop: no optimizer state, step 0. */
    public PhaseLoop(GenerativeModel model, long seed) {
        this(model, seed, 0, new AdamOptimizer(model.manager()));
    }

    private PhaseLoop(GenerativeModel model, long seed, long completedSteps, AdamOptimizer optimizer) {
        if (completedSteps < 0) {
            throw new IllegalArgumentException("completed steps must be >= 0, got " + completedSteps);
        }
        this.model = model;
        this.seed = seed;
        this.completedSteps = completedSteps;
        this.optimizer = optimizer;
        this.phases = List.copyOf(model.phases());
        Set<String> names = new HashSet<>();
        for (TrainingPhase phase : phases) {
            if (!names.add(phase.name())) {
                throw new IllegalArgumentException("model " + model.familyName() + " has two phases named " + phase.name());
            }
            for (String network : phase.networks()) {
                if (!model.networks().containsKey(network)) {
                    throw new IllegalArgumentException("phase " + phase.name() + " updates unknown network " + network
                            + "; the model has " + model.networks().keySet());
                }
            }
        }
        this.batchesPerStep = batchesPerStep(model, phases);
    }

    /** The largest batch index of the phases plus one, every index below it some phase's. */
    private static int batchesPerStep(GenerativeModel model, List<TrainingPhase> phases) {
        Set<Integer> used = new HashSet<>();
        phases.forEach(phase -> used.add(phase.batch()));
        int batches = Collections.max(used) + 1;
        if (used.size() != batches) {
            throw new IllegalArgumentException("the phases of model " + model.familyName() + " see batches " + used
                    + " of a step; a step's batches 0.." + (batches - 1) + " must each be some phase's");
        }
        return batches;
    }

    /**
     * A loop that continues exactly where the checkpointed run stopped (optimizer state, step count,
     * seed). Each call builds a new loop with its own copy of the optimizer state.
     *
     * @throws InvalidSnapshotException if the checkpoint has no optimizer state
     */
    public static PhaseLoop resume(RestoredModel restored) {
        GenerativeModel model = restored.model();
        AdamOptimizer optimizer = AdamOptimizer.fromBytes(model.manager(), restored.optimizerState());
        return resume(model, restored.seed(), restored.step(), optimizer);
    }

    /** Continues a run: the optimizer state and step count come from a checkpoint. */
    public static PhaseLoop resume(GenerativeModel model, long seed, long completedSteps, AdamOptimizer optimizer) {
        return new PhaseLoop(model, seed, completedSteps, optimizer);
    }

    /**
     * How many batches one step consumes: {@link #step} takes them concatenated, batchesPerStep x the
     * batch size images in all.
     */
    public int batchesPerStep() {
        return batchesPerStep;
    }

    /**
     * One training step on {@code batch} (float32 N x C x H x W in [-1, 1], any manager/device): the
     * step's {@link #batchesPerStep()} batches, one after the other, N a multiple of their number.
     *
     * @return per phase {@code <phase>/loss} and {@code <phase>/<metric>}, in phase order
     * @throws NonFiniteLossException if a phase's loss is NaN or infinite (that phase updates nothing)
     */
    public Map<String, Float> step(NDArray batch) {
        return step(batch, null);
    }

    /**
     * One training step on {@code batch} whose images have classes {@code labels}: a conditional model
     * ({@code classes() > 0}) needs them, an unconditional one ignores them (they may be null).
     *
     * @throws IllegalArgumentException for a conditional model given no label, or one out of range, per image
     * @see #step(NDArray)
     */
    public Map<String, Float> step(NDArray batch, int[] labels) {
        requireBatch(batch);
        if (batch.getShape().get(0) % batchesPerStep != 0) {
            throw new IllegalArgumentException("a step of this " + model.familyName() + " model takes " + batchesPerStep
                    + " batches of one size, concatenated; " + batch.getShape().get(0) + " images are not a multiple of "
                    + batchesPerStep);
        }
        int classes = model.classes();
        if (classes > 0 && (labels == null || labels.length != batch.getShape().get(0))) {
            throw new IllegalArgumentException("the conditional " + model.familyName() + " model needs one label per "
                    + "image of the batch (" + batch.getShape().get(0) + "), got "
                    + (labels == null ? "none" : labels.length));
        }
        long step = completedSteps;
        Map<String, Float> values = new LinkedHashMap<>();
        try (NDScope scope = new NDScope(); NDManager stepManager = model.manager().newSubManager()) {
            NDArray x = batch.getDevice().equals(model.device()) ? batch : batch.toDevice(model.device(), true);
            NDList batches = x.split(batchesPerStep, 0);
            NDList conditions = classes > 0 ? OneHot.encode(stepManager, labels, classes).split(batchesPerStep, 0) : null;
            for (int i = 0; i < phases.size(); i++) {
                TrainingPhase phase = phases.get(i);
                freezeAllBut(phase.networks());
                zeroGradients(phase.networks());
                PhaseContext context = new PhaseContext(batches.get(phase.batch()),
                        conditions == null ? null : conditions.get(phase.batch()), step, RandomStream.of(seed, step, i),
                        new ParameterStore(model.manager(), false), stepManager);
                PhaseLoss result = computeAndBackward(phase, context);
                for (String network : phase.networks()) {
                    optimizer.update(phase.optimizerKey(network), model.networks().get(network), phase.optimizer());
                }
                values.put(phase.name() + "/loss", result.loss().getFloat());
                result.metrics().forEach((name, value) -> values.put(phase.name() + "/" + name, value.getFloat()));
            }
        } finally {
            model.networks().values().forEach(block -> LearnedParameters.freeze(block, false));
        }
        completedSteps++;
        return Collections.unmodifiableMap(values);
    }

    private PhaseLoss computeAndBackward(TrainingPhase phase, PhaseContext context) {
        GRADIENT_COLLECTOR.lock();
        try (GradientCollector collector = model.manager().getEngine().newGradientCollector()) {
            PhaseLoss result = phase.objective().compute(context);
            NDArray loss = result.loss();
            if (loss.size() != 1) {
                throw new IllegalStateException("phase " + phase.name() + " returned a loss of shape " + loss.getShape()
                        + "; it must be a scalar");
            }
            float value = loss.getFloat();
            if (!Float.isFinite(value)) {
                throw new NonFiniteLossException(phase.name(), context.step(), value);
            }
            collector.backward(loss);
            return result;
        } finally {
            GRADIENT_COLLECTOR.unlock();
        }
    }

    private void freezeAllBut(List<String> trained) {
        model.networks().forEach((name, block) -> LearnedParameters.freeze(block, !trained.contains(name)));
    }

    private void zeroGradients(List<String> trained) {
        trained.forEach(name -> LearnedParameters.zeroGradients(model.networks().get(name)));
    }

    private void requireBatch(NDArray batch) {
        var shape = model.shape();
        var actual = batch.getShape();
        boolean ok = actual.dimension() == 4 && actual.get(0) > 0 && actual.get(1) == shape.channels()
                && actual.get(2) == shape.height() && actual.get(3) == shape.width();
        if (!ok || batch.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException("a training batch for this " + model.familyName() + " model must be float32 N x "
                    + shape + " in [-1, 1], got " + batch.getDataType() + " " + actual);
        }
    }

    public GenerativeModel model() {
        return model;
    }

    public long seed() {
        return seed;
    }

    /** Steps completed so far; the next {@link #step} runs step number {@code completedSteps()}. */
    public long completedSteps() {
        return completedSteps;
    }

    public AdamOptimizer optimizer() {
        return optimizer;
    }

    /**
     * Everything needed to resume training exactly or to load the model for inference: the model's
     * parameters, this loop's optimizer state and the training state.
     *
     * @param step completed steps; must equal {@link #completedSteps()}, since per-step randomness is
     *             derived from it and a mismatch would break exact resumption
     */
    public ModelSnapshot snapshot(long step) {
        if (step != completedSteps) {
            throw new IllegalArgumentException("snapshot step " + step + " differs from the loop's completed steps "
                    + completedSteps);
        }
        return ModelSnapshots.write(model, optimizer.toBytes(), seed, step);
    }

    /** Frees the optimizer state; the model stays open. */
    @Override
    public void close() {
        optimizer.close();
    }
}
