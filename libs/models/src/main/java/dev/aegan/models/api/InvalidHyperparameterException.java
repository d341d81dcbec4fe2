package dev.aegan.models.api;

/** A hyperparameter that a model family does not know, or whose value has the wrong type or range. */
public class InvalidHyperparameterException extends IllegalArgumentException {

    private final String key;
    private final transient Object value;
    private final String allowed;

    public InvalidHyperparameterException(String family, String key, Object value, String allowed, String problem) {
        super("hyperparameter '" + key + "' of model '" + family + "' = " + describe(value) + " " + problem + "; allowed: " + allowed);
        this.key = key;
        this.value = value;
        this.allowed = allowed;
    }

    public String key() {
        return key;
    }

    public Object value() {
        return value;
    }

    /** What the family accepts for this key (a type and range, a list of choices, or the list of known keys). */
    public String allowed() {
        return allowed;
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
        return text + " (" + value.getClass().getSimpleName() + ")";
    }
}
