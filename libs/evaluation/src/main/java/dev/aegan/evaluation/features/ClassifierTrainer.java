package dev.aegan.evaluation.features;

import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.evaluation.images.DatasetRows;
import dev.aegan.evaluation.images.Images;

import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Trains a dataset's {@link DatasetClassifier} on its labelled training images and measures it on
 * its labelled held-out images; unlabelled images (label {@code -1}) take no part. The classes are
 * 0 .. the largest training label.
 */
public final class ClassifierTrainer {

    /** A trained classifier with its held-out accuracy and how many images each side had. */
    public record Trained(DatasetClassifier classifier, double heldOutAccuracy, int trainingImages, int heldOutImages) {
    }

    private ClassifierTrainer() {
    }

    /** Why no classifier can be trained on these images, or empty when one can. */
    public static Optional<String> obstacle(DatasetImages training, DatasetImages heldOut) {
        if (training == null || labelled(training).length == 0) {
            return Optional.of("dataset '" + heldOut.dataset() + "' has no labelled training image");
        }
        if (classes(training) < 2) {
            return Optional.of("dataset '" + heldOut.dataset() + "' has labelled training images of one class only");
        }
        if (labelled(heldOut).length == 0) {
            return Optional.of("dataset '" + heldOut.dataset() + "' has no labelled held-out image to measure a"
                    + " classifier's accuracy on");
        }
        return Optional.empty();
    }

    /** @throws IllegalArgumentException when {@link #obstacle} names a reason */
    public static Trained train(String name, DatasetImages training, DatasetImages heldOut, ClassifierTraining budget,
                                int batchSize) {
        obstacle(training, heldOut).ifPresent(reason -> {
            throw new IllegalArgumentException("no classifier can be trained: " + reason);
        });
        int[] trainRows = labelled(training);
        int[] heldOutRows = labelled(heldOut);
        DatasetRows trainImages = new DatasetRows(training, trainRows);
        int[] trainLabels = IntStream.of(trainRows).map(i -> training.labels()[i]).toArray();
        DatasetClassifier classifier = DatasetClassifier.train(name, trainImages, trainLabels, classes(training), budget);
        Images heldOutImages = Images.fromDataset(heldOut, heldOutRows);
        int[] heldOutLabels = IntStream.of(heldOutRows).map(i -> heldOut.labels()[i]).toArray();
        double accuracy = classifier.accuracy(heldOutImages, heldOutLabels, batchSize);
        return new Trained(classifier, accuracy, trainRows.length, heldOutRows.length);
    }

    private static int[] labelled(DatasetImages images) {
        return IntStream.range(0, images.count()).filter(i -> images.labels()[i] != ImageBatch.UNLABELLED).toArray();
    }

    private static int classes(DatasetImages images) {
        return IntStream.of(images.labels()).max().orElse(-1) + 1;
    }
}
