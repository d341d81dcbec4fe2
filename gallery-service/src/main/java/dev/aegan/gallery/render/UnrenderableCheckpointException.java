package dev.aegan.gallery.render;

/** The checkpoint's grids can never be rendered as it is: trying again would fail the same way. */
public class UnrenderableCheckpointException extends RuntimeException {
    public UnrenderableCheckpointException(String message) {
        super(message);
    }

    public UnrenderableCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
