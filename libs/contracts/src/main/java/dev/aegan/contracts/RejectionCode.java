package dev.aegan.contracts;

/**
 * Why ingest refused an input. The same codes appear as the {@code code} of a REST error body
 * and as the {@link DeadLetterHeaders#REASON_CODE} header of a dead-letter record.
 */
public enum RejectionCode {
    MISSING_DATASET,
    INVALID_DATASET_NAME,
    INVALID_SPLIT,
    INVALID_LABEL,
    INVALID_RESIZE,
    UNDECODABLE_IMAGE,
    UNSUPPORTED_FORMAT,
    IMAGE_TOO_LARGE,
    WRONG_SHAPE,
    MALFORMED_IDX,
    MALFORMED_ARCHIVE,
    LABEL_COUNT_MISMATCH,
    INVALID_LABEL_NAMES,
    UPLOAD_TOO_LARGE,
    EMPTY_UPLOAD,
    DATASET_SEALED
}
