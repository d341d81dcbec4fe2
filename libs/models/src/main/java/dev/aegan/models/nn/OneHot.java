package dev.aegan.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.core.OwnedArrays;

/** Class labels as the one-hot codes a conditional network takes. */
public final class OneHot {

    private OneHot() {
    }

    /**
     * float32 N x {@code classes}, row i the code of {@code labels[i]}, on {@code manager}'s device.
     *
     * @throws IllegalArgumentException for a label outside [0, classes)
     */
    public static NDArray encode(NDManager manager, int[] labels, int classes) {
        float[] codes = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " of row " + i + " is outside [0, " + classes
                        + ")" + (labels[i] < 0 ? ": the image is unlabelled" : ""));
            }
            codes[i * classes + labels[i]] = 1f;
        }
        return OwnedArrays.of(manager, codes, new Shape(labels.length, classes));
    }
}
