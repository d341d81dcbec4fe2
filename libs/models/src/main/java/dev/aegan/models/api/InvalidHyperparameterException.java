package dev.aegan.models.api;

/**
 * A hyperparameter that a model family does not know, or whose value has the wrong type or range; the
 * message says what the family accepts for the key (a type and range, a list of choices, or the known keys).
 */
public class InvalidHyperparameterException extends IllegalArgumentException {

    private final String key;
    private final transient Object value;

    public InvalidHyperparameterException(String family, String key, Object value, String allowed, String problem) {
        super("hyperparameter '" + key + "' of model '" + family + "' = " + describe(value) + " " + problem + "; allowed: " + allowed);
        this.key = key;
        this.value = value;
    }

    public String key() {
        return key;
    }

    public Object value() {
        return value;
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text + " (" + value.getClass().getSimpleName() + ")";
    }
}
