package dev.aegan.contracts;

/** A run id, group or dataset name that breaks {@link Identifiers}' rule; a REST service answers 400 with {@link #code()}. */
public class InvalidIdentifierException extends IllegalArgumentException {
    private final Identifiers.Kind kind;

    public InvalidIdentifierException(Identifiers.Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Identifiers.Kind kind() {
        return kind;
    }

    public String code() {
        return kind.code();
    }
}
