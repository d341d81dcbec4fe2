package dev.aegan.models.api;

import java.util.Set;

/** A model family name that the registry does not know. */
public class UnknownModelException extends IllegalArgumentException {

    private final String name;
    private final Set<String> known;

    public UnknownModelException(String name, Set<String> known) {
        super("unknown model family '" + name + "'; known families: " + String.join(", ", known));
        this.name = name;
        this.known = Set.copyOf(known);
    }

    public String name() {
        return name;
    }

    public Set<String> known() {
        return known;
    }
}
