package dev.aegan.gallery.domain;

/** One grid of a checkpoint: {@code url} is set once it is {@link ImageState#ready}. */
public record ImageStatus(ImageState state, String url, String message) {

    public static ImageStatus pending() {
        return new ImageStatus(ImageState.pending, null, null);
    }
}
