package dev.aegan.evaluation.features;

/**
 * The budget and seed of one classifier training: {@code steps} Adam updates (betas 0.9, 0.999)
 * on batches of {@code batchSize} labelled training images drawn with replacement.
 */
public record ClassifierTraining(int steps, int batchSize, double learningRate, long seed) {

    public ClassifierTraining {
        if (steps <= 0 || batchSize <= 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("a classifier needs steps > 0, batch size > 0 and a learning rate > 0, got "
                    + steps + ", " + batchSize + ", " + learningRate + " (aegan.metrics.classifier.*)");
        }
    }
}
