package dev.aegan.models.training;

/**
 * A phase's loss came out NaN or infinite. Nothing was updated in that phase, but earlier phases of
 * the step were: resume from the last checkpoint (e.g. with a lower learning rate).
 */
public class NonFiniteLossException extends ArithmeticException {

    private final String phase;
    private final long step;
    private final float value;

    public NonFiniteLossException(String phase, long step, float value) {
        super("loss of phase '" + phase + "' at step " + step + " is " + value
                + "; training diverged: resume from an earlier checkpoint, e.g. with a lower learning rate");
        this.phase = phase;
        this.step = step;
        this.value = value;
    }

    public String phase() {
        return phase;
    }

    public long step() {
        return step;
    }

    public float value() {
        return value;
    }
}
