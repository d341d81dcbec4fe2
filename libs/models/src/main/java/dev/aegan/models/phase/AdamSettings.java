package dev.aegan.models.phase;

/** Hyperparameters of one Adam update, as torch.optim.Adam names them (no weight decay, no amsgrad). */
public record AdamSettings(double learningRate, double beta1, double beta2, double epsilon) {

    public static final double DEFAULT_EPSILON = 1e-8;

    public AdamSettings {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("Adam learning rate must be positive, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam epsilon must be positive, got " + epsilon);
        }
    }

    public AdamSettings(double learningRate, double beta1, double beta2) {
        this(learningRate, beta1, beta2, DEFAULT_EPSILON);
    }
}
