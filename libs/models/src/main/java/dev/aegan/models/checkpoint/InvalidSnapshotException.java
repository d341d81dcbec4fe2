package dev.aegan.models.checkpoint;

/** A checkpoint that is incomplete, corrupt, or of a format or model this library cannot load. */
public class InvalidSnapshotException extends IllegalArgumentException {

    public InvalidSnapshotException(String message) {
        super(message);
    }

    public InvalidSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
