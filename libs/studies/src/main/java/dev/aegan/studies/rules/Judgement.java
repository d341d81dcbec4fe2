package dev.aegan.studies.rules;

import java.util.List;

/** A rule's verdict, why, and the values it read with their spread over seeds. */
public record Judgement(Verdict verdict, String reason, List<Spread> spread) {
}
