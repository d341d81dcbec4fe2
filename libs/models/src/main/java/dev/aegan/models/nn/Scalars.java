package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.function.BinaryOperator;

/**
 * Arithmetic between a tensor and a constant that is safe inside a GradientCollector. Objectives
 * must use these instead of DJL's {@code NDArray.mul(Number)}, {@code div(Number)},
 * {@code maximum(Number)}, {@code pow(Number)} and friends.
 *
 * <p>Why: DJL's PyTorch engine turns the Java number into a tensor that wraps a Java direct buffer
 * ({@code torch::from_blob}, no copy) and closes it as soon as the op returns. Autograd keeps that
 * tensor for the backward pass (the derivative of {@code x * c} needs {@code c}); once the garbage
 * collector frees the buffer, backward reads whatever now lives there. The result is gradients
 * that are silently wrong now and then, depending on GC timing (seen here: {@code x.mul(3f)}
 * back-propagating 999 instead of 3, and training runs diverging from each other). The constants
 * made here are allocated by libtorch, so autograd's reference keeps them alive.
 */
public final class Scalars {

    private Scalars() {
    }

    /** A 0-dimensional tensor holding {@code value}, with x's type, on x's manager and device. */
    public static NDArray constant(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }

    public static NDArray add(NDArray x, float c) {
        return withConstant(x, c, (t, k) -> t.add(k));
    }

    public static NDArray sub(NDArray x, float c) {
        return withConstant(x, c, (t, k) -> t.sub(k));
    }

    /** {@code c - x}. */
    public static NDArray subFrom(float c, NDArray x) {
        return withConstant(x, c, (t, k) -> k.sub(t));
    }

    public static NDArray mul(NDArray x, float c) {
        return withConstant(x, c, (t, k) -> t.mul(k));
    }

    /** {@code c / x}. */
    public static NDArray divFrom(float c, NDArray x) {
        return withConstant(x, c, (t, k) -> k.div(t));
    }

    public static NDArray div(NDArray x, float c) {
        return withConstant(x, c, (t, k) -> t.div(k));
    }

    public static NDArray pow(NDArray x, float c) {
        return withConstant(x, c, (t, k) -> t.pow(k));
    }

    public static NDArray maximum(NDArray x, float c) {
        return withConstant(x, c, (t, k) -> t.maximum(k));
    }

    public static NDArray minimum(NDArray x, float c) {
        return withConstant(x, c, (t, k) -> t.minimum(k));
    }

    /** {@code op(x, constant)}, closing the constant's Java handle once the op has taken its own reference. */
    private static NDArray withConstant(NDArray x, float c, BinaryOperator<NDArray> op) {
        try (NDArray constant = constant(x, c)) {
            return op.apply(x, constant);
        }
    }
}
