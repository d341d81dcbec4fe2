package dev.aegan.models.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Tensors from Java values whose memory libtorch owns.
 *
 * <p>DJL's {@code NDManager.create(float[])} on CPU wraps a Java direct buffer without copying; the
 * buffer lives only as long as that Java NDArray object. A view or autograd reference that
 * outlives the object (close it, slice it first) then reads freed memory. Copying once into
 * libtorch-allocated memory removes the trap for every caller.
 */
public final class OwnedArrays {

    private OwnedArrays() {
    }

    public static NDArray of(NDManager manager, float[] values, Shape shape) {
        try (NDArray staging = manager.create(values, shape)) {
            return staging.duplicate();
        }
    }

    /** An int64 tensor, e.g. indices for a gather. */
    public static NDArray of(NDManager manager, long[] values, Shape shape) {
        try (NDArray staging = manager.create(values, shape)) {
            return staging.duplicate();
        }
    }

    /** Overwrites {@code target}'s values in place (its own memory), e.g. a parameter. */
    public static void copyInto(NDArray target, float[] values) {
        try (NDArray staging = target.getManager().create(values, target.getShape())) {
            target.set(new NDIndex("..."), staging);
        }
    }
}
