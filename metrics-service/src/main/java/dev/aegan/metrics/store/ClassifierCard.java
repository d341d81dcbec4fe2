package dev.aegan.metrics.store;

import dev.aegan.contracts.events.StoredObject;

import java.time.Instant;

/**
 * What {@code classifiers/<dataset>/classifier.json} records about a dataset's classifier: its
 * architecture's sizes, how it was trained, its held-out accuracy, and its parameters object
 * (DJL's parameter format) with size and SHA-256. Written after the parameters, so a card names a
 * complete classifier. {@code version} counts the dataset's classifiers: a new one is trained when
 * the dataset's training images hold more classes than the current one knows (absent: 1).
 */
public record ClassifierCard(String dataset, String name, int classes, int channels, int height, int width,
                             int featureDimension, int steps, int batchSize, double learningRate, long seed,
                             int trainingImages, double heldOutAccuracy, int heldOutImages, StoredObject parameters,
                             Instant trainedAt, Integer version) {

    /** The card's version, 1 for cards written before classifiers had versions. */
    public int versionOrFirst() {
        return version == null ? 1 : version;
    }
}
