package dev.aegan.gallery.domain;

/** The grids rendered per checkpoint; the name is the file name in the bucket and in URLs. */
public enum GridKind {
    /** Decoded from the fixed latent codes. */
    samples,
    /** Held-out originals, each followed by its reconstruction. */
    reconstructions,
    /** Strips between the codes of fixed pairs of held-out images, the originals at both ends. */
    interpolations,
    /** Strips between the codes of fixed pairs of prior samples. */
    priorInterpolations
}
