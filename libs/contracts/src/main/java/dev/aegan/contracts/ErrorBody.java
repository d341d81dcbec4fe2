package dev.aegan.contracts;

/** Body of every REST error: {@code code} is stable and machine-readable. */
public record ErrorBody(String code, String message) {
}
