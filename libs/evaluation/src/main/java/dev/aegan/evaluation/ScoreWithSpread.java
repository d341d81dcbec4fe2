package dev.aegan.evaluation;

/**
 * A score averaged over splits, subsets or pairs, with the population standard deviation
 * ({@code ddof = 0}, as {@code np.std} in torch-fidelity) across them.
 */
public record ScoreWithSpread(double mean, double std) {

    static ScoreWithSpread of(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new ScoreWithSpread(mean, Math.sqrt(squares / values.length));
    }
}
