package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A block made of named child blocks wired by hand (residual sums, several inputs), which DJL's
 * sequential and parallel blocks cannot express. Subclasses initialise their children in order,
 * threading shapes through {@link #initChild}.
 */
public abstract class CompositeBlock extends AbstractBlock {

    /** Runs a single-input, single-output child. */
    public static NDArray apply(Block child, ParameterStore parameters, NDArray input, boolean training) {
        return child.forward(parameters, new NDList(input), training).singletonOrThrow();
    }

    /** Runs a single-input critic (or discriminator) in training mode: its N logits as a vector. */
    public static NDArray logits(Block critic, ParameterStore parameters, NDArray input) {
        return apply(critic, parameters, input, true).reshape(-1);
    }

    /**
     * A child's parameter ({@code "weight"}, {@code "bias"}) as the store hands it out on {@code like}'s
     * device, for computing with it directly; null when the child has no parameter of that name.
     */
    public static NDArray parameter(Block child, String name, ParameterStore parameters, NDArray like,
            boolean training) {
        Parameter parameter = child.getParameters().get(name);
        return parameter == null ? null : parameters.getValue(parameter, like.getDevice(), training);
    }

    /** Initialises {@code child} for {@code input} and returns its output shape. */
    public static Shape initChild(Block child, NDManager manager, DataType dataType, Shape input) {
        child.initialize(manager, dataType, input);
        return child.getOutputShapes(new Shape[] {input})[0];
    }

    @Override
    protected final NDList forwardInternal(ParameterStore parameters, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(compute(parameters, inputs, training));
    }

    protected abstract NDArray compute(ParameterStore parameters, NDList inputs, boolean training);

    @Override
    protected abstract void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes);
}
