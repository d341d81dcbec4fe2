package dev.aegan.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;

/**
 * What the k-NN metrics bring back to Java from a block of squared distances
 * ({@link PairwiseDistances.TensorVisitor}): per-row or per-column counts of a comparison, so
 * the block itself never leaves libtorch.
 */
final class BlockReductions {

    private BlockReductions() {
    }

    /** {@code values[from ..]}, one per row of {@code block}, as a (rows, 1) tensor beside it. */
    static NDArray perRow(NDArray block, double[] values, int from) {
        int rows = (int) block.getShape().get(0);
        return block.getManager().create(Arrays.copyOfRange(values, from, from + rows), new Shape(rows, 1));
    }

    /** {@code values[from ..]}, one per column of {@code block}, as a (1, columns) tensor beside it. */
    static NDArray perColumn(NDArray block, double[] values, int from) {
        int columns = (int) block.getShape().get(1);
        return block.getManager().create(Arrays.copyOfRange(values, from, from + columns), new Shape(1, columns));
    }

    /** How many entries of {@code mask} are true in each row ({@code axis} 1) or column ({@code axis} 0). */
    static long[] count(NDArray mask, int axis) {
        return mask.sum(new int[] {axis}).toLongArray();
    }

    /** {@code flags[from + i] |= } some entry of row (axis 1) or column (axis 0) i of {@code mask} is true. */
    static void markAny(NDArray mask, int axis, boolean[] flags, int from) {
        long[] counts = count(mask, axis);
        for (int i = 0; i < counts.length; i++) {
            flags[from + i] |= counts[i] > 0;
        }
    }
}
