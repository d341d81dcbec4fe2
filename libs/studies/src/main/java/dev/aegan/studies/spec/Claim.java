package dev.aegan.studies.spec;

import dev.aegan.studies.rules.Rule;

/**
 * A statement of the paper ({@code says}) and the rule that decides whether our runs reproduce it
 * ({@code kind} is the rule's name in the file).
 */
public record Claim(String id, String says, String kind, Rule rule) {
}
