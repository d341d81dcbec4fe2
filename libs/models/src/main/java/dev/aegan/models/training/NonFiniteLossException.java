package dev.aegan.models.training;

/**
 * A phase's loss came out NaN or infinite. Nothing was updated in that phase, but earlier phases of
 * the step were: resume from the last checkpoint (e.g. with a lower learning rate).
 */
public class NonFiniteLossException extends ArithmeticException {

    private final String phase;

    public NonFiniteLossException(String phase, long step, float value) {
        super("loss of phase '" + phase + "' at step " + step + " is " + value
                + "; training diverged: resume from an earlier checkpoint, e.g. with a lower learning rate");
        this.phase = phase;
    }

    public String phase() {
        return phase;
    }
}
