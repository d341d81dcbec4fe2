package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;

/**
 * Freezing and unfreezing that leaves batch-norm running statistics alone.
 *
 * <p>DJL's {@code Block.freezeParameters(false)} marks every parameter as requiring a gradient,
 * the running mean and variance of a batch norm included; libtorch then refuses the next
 * training-mode pass ("native_batch_norm is not differentiable with respect to argument
 * 'running_mean'"). Running statistics are buffers that every training-mode pass updates, never
 * weights that receive gradients.
 */
public final class LearnedParameters {

    private LearnedParameters() {
    }

    /** Whether the parameter is learnt by gradient descent (not a running statistic). */
    public static boolean isLearned(Parameter parameter) {
        Parameter.Type type = parameter.getType();
        return type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR;
    }

    /** Freezes or unfreezes every learned parameter of {@code block}. */
    public static void freeze(Block block, boolean freeze) {
        block.freezeParameters(freeze, LearnedParameters::isLearned);
    }

    /** Sets to zero the accumulated gradient of every parameter of {@code block} that has one. */
    public static void zeroGradients(Block block) {
        for (Pair<String, Parameter> entry : block.getParameters()) {
            if (!entry.getValue().requiresGradient()) {
                continue;
            }
            NDArray array = entry.getValue().getArray();
            try (NDArray gradient = array.getGradient()) {
                if (gradient != null) {
                    JniUtils.zeroGrad((PtNDArray) array);
                }
            }
        }
    }
}
