package dev.aegan.models.api;

/** Finds a model family by the name runs and checkpoints record (e.g. {@code ModelRegistry::family}). */
@FunctionalInterface
public interface FamilyLookup {

    /** @throws IllegalArgumentException (e.g. {@link UnknownModelException}) for a name it does not know */
    ModelFamily family(String name);
}
