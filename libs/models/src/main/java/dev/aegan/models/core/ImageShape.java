package dev.aegan.models.core;

import ai.djl.ndarray.types.Shape;

/** The shape of one image, channels first (NCHW layout without the batch axis). */
public record ImageShape(int channels, int height, int width) {

    public ImageShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image shape must be positive, got " + channels + "x" + height + "x" + width);
        }
    }

    /** Values in one image: channels x height x width. */
    public int pixelsPerImage() {
        return channels * height * width;
    }

    /** The tensor shape of a batch of {@code n} such images. */
    public Shape batchShape(long n) {
        return new Shape(n, channels, height, width);
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
