package dev.aegan.evaluation.features;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.images.Images;
import dev.aegan.evaluation.features.FeatureExtractor;
import dev.aegan.evaluation.features.FeatureExtractor.BatchFeatures;

/** The feature stage: an image set through an extractor, batch by batch. */
public record FeatureExtraction(int batchSize) {

    public FeatureExtraction {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
    }

    /** @throws IllegalStateException when the extractor gives features that are not finite */
    public Features extract(FeatureExtractor extractor, Images images) {
        float[] features = null;
        float[] probabilities = null;
        int d = 0;
        int classes = 0;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            for (int from = 0; from < images.count(); from += batchSize) {
                int n = Math.min(batchSize, images.count() - from);
                BatchFeatures batch;
                try (NDArray x = images.tensor(manager, from, n)) {
                    batch = extractor.extract(x);
                }
                if (features == null) {
                    d = batch.features().length / n;
                    features = new float[images.count() * d];
                    if (batch.probabilities() != null) {
                        classes = batch.probabilities().length / n;
                        probabilities = new float[images.count() * classes];
                    }
                }
                System.arraycopy(batch.features(), 0, features, from * d, n * d);
                if (probabilities != null) {
                    System.arraycopy(batch.probabilities(), 0, probabilities, from * classes, n * classes);
                }
            }
        }
        try {
            return new Features(FeatureMatrix.ofFloats(images.count(), d, features),
                    probabilities == null ? null : FeatureMatrix.ofFloats(images.count(), classes, probabilities));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("extractor " + extractor.name() + " gave unusable features for "
                    + images.count() + " images: " + e.getMessage(), e);
        }
    }
}
