package dev.aegan.trainer.training;

/**
 * A fingerprint of the training data, the trainer's own object in every checkpoint ({@value #OBJECT}):
 * which training images the run has been drawing its batches from. The dataset may have grown since the run started; a resumed
 * run keeps to the same first {@code trainImages} images, checked by their SHA-256, so it sees
 * exactly the batches (and labels) the uninterrupted run would have seen.
 *
 * @param trainImages       how many images of the train split (in topic order) the batches come from
 * @param trainImagesSha256 SHA-256 of those images' pixels (uint8 N x C x H x W)
 * @param trainLabelsSha256 for a conditional model, which trains on the labels too: SHA-256 of those
 *                          images' labels (big-endian int32 each); null otherwise
 * @param device            where the checkpoint was trained, for the record
 */
public record TrainingDataFingerprint(String schema, int trainImages, String trainImagesSha256,
                                      String trainLabelsSha256, String device) {
    public static final String SCHEMA = "aegan.trainer.run-state/v1";
    public static final String OBJECT = "run-state.json";
}
