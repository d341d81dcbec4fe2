package dev.aegan.store;

/** An S3 operation failed or returned something other than what was written. */
public class ArtifactStoreException extends RuntimeException {
    public ArtifactStoreException(String message) {
        super(message);
    }

    public ArtifactStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
