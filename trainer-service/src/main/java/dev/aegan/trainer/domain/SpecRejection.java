package dev.aegan.trainer.domain;

/**
 * Why a run request was refused. The same code is the {@code code} of the REST error body and
 * the prefix of the {@code reason} of the {@code failed} RunEvent for a record on runs.requests.
 */
public enum SpecRejection {
    /** The request is not a JSON object. */
    INVALID_JSON,
    /** A field is unknown, of the wrong type or out of range (steps, batchSize, checkpointEvery, runId...). */
    INVALID_SPEC,
    UNKNOWN_MODEL,
    INVALID_HYPERPARAMETER,
    /** The dataset's images have a shape the model's networks cannot take. */
    UNSUPPORTED_IMAGE_SHAPE,
    /** No dataset of that name was announced on datasets.events, or it has no training images. */
    DATASET_NOT_FOUND,
    /** A conditional model (e.g. c-idvae) was asked to train on a dataset with unlabelled training images. */
    UNLABELLED_DATASET,
    /** The run id already names a run with a different spec. */
    RUN_EXISTS,
    /** A sweep request is malformed: no base spec, nothing to vary, a duplicate value, too many runs. */
    INVALID_SWEEP,
    /** The sweep's group id already names runs. */
    SWEEP_EXISTS
}
