package dev.aegan.gallery.domain;

/** Where a checkpoint's rendered grid stands. */
public enum ImageState {
    /** Queued or being rendered. */
    pending,
    /** In the gallery bucket, served under {@code url}. */
    ready,
    /** Rendering failed; {@code message} says why. */
    failed,
    /** Cannot exist, e.g. reconstructions of a dataset without held-out images; {@code message} says why. */
    unavailable
}
