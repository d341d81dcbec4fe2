package dev.aegan.models.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a component of a family's config record as a hyperparameter, once: its key is the
 * component's name, its type the component's ({@code int}, {@code double}, {@code boolean} or a
 * {@code String} choice). {@link ConfigRecord} derives the family's {@link HyperparameterSchema}
 * (validation, defaults) and binds resolved values to the record; the README's hyperparameter
 * tables are checked against these declarations.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Hyperparameter {

    /** The default as the README writes it, e.g. {@code 8}, {@code 1e-3}, {@code mse}, {@code false}. */
    String value();

    /**
     * For a number, the allowed range: {@code [min, max]}, or for a real {@code (min, max]} or
     * {@code [min, max)}; for a choice, empty ({@link #choices()} says what is allowed).
     */
    String range() default "";

    /** For a {@code String} component, the allowed values. */
    String[] choices() default {};

    /** What it means, as one sentence of the README table. */
    String doc();

    /** The families that accept it; empty for every family of the record. Elsewhere it binds as 0, false or null. */
    String[] only() default {};

    /** Defaults that differ by family, as {@code family=value}, e.g. {@code wae-gan=1}. */
    String[] defaultFor() default {};
}
