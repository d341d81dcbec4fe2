package dev.aegan.models.ijae;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.aegan.models.core.ImageShape;

/**
 * Where images of the model's shape sit on the square-ish canvas the networks work on.
 *
 * <p>Appendix D's networks are built for 32 x 32: the encoder halves the size four times, the
 * generator doubles a 4 x 4 map three times. Other sizes are padded to the next multiple of 16 in
 * each dimension, centred (an odd margin puts the extra pixel bottom/right), with -1: black, the
 * background of MNIST-like data. A 28 x 28 image becomes 32 x 32 with a 2-pixel black frame; a 32 x 32
 * image is used as is. Every network sees canvases: data (and its cyclic shifts, taken within the
 * image, before padding) is padded; the generator draws a whole canvas, and the model's samples
 * and reconstructions are its centre crop, which is padded again (frame forced to -1) before a
 * discriminator sees it, so no discriminator can tell real from fake by the frame. Losses that
 * compare pixels (the L1/L2 ablations) use the image, not the frame.
 */
record Canvas(int height, int width, int canvasHeight, int canvasWidth) {

    static final int MULTIPLE = 16;
    static final double FRAME = -1.0;

    static Canvas of(ImageShape shape) {
        return new Canvas(shape.height(), shape.width(), roundUp(shape.height()), roundUp(shape.width()));
    }

    private static int roundUp(int size) {
        return (size + MULTIPLE - 1) / MULTIPLE * MULTIPLE;
    }

    int top() {
        return (canvasHeight - height) / 2;
    }

    int left() {
        return (canvasWidth - width) / 2;
    }

    boolean isIdentity() {
        return height == canvasHeight && width == canvasWidth;
    }

    /** N x C x height x width images onto the canvas (differentiable). */
    NDArray pad(NDArray images) {
        if (isIdentity()) {
            return images;
        }
        int bottom = canvasHeight - height - top();
        int right = canvasWidth - width - left();
        // torch's pad order: last axis first (left, right), then the one before (top, bottom).
        return images.pad(new Shape(left(), right, top(), bottom), FRAME);
    }

    /** The image region of N x C x canvasHeight x canvasWidth canvases (differentiable). */
    NDArray crop(NDArray canvases) {
        if (isIdentity()) {
            return canvases;
        }
        return canvases.get(new NDIndex(":, :, {}:{}, {}:{}", top(), top() + height, left(), left() + width));
    }
}
