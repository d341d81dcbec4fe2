package dev.aegan.gallery.domain;

/** The two grids rendered per checkpoint; the name is the file name in the bucket and in URLs. */
public enum GridKind {
    /** Decoded from the fixed latent codes. */
    samples,
    /** Held-out originals, each followed by its reconstruction. */
    reconstructions
}
