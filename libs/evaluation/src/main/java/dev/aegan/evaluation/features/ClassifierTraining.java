package dev.aegan.evaluation.features;

/**
 * The budget and seed of one classifier training: {@code steps} Adam updates (betas 0.9, 0.999)
 * on batches of {@code batchSize} labelled training images drawn with replacement. The
 * {@code DEFAULT_*} constants are metrics-service's defaults ({@code aegan.metrics.classifier.*}),
 * which the benchmark runs too.
 */
public record ClassifierTraining(int steps, int batchSize, double learningRate, long seed) {
    public static final int DEFAULT_STEPS = 1500;
    public static final int DEFAULT_BATCH_SIZE = 64;
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final long DEFAULT_SEED = 7;

    public ClassifierTraining {
        if (steps <= 0 || batchSize <= 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("a classifier needs steps > 0, batch size > 0 and a learning rate > 0, got "
                    + steps + ", " + batchSize + ", " + learningRate + " (aegan.metrics.classifier.*)");
        }
    }

    /** The default batch size, learning rate and seed, with {@code steps} updates. */
    public static ClassifierTraining defaultsWithSteps(int steps) {
        return new ClassifierTraining(steps, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, DEFAULT_SEED);
    }
}
