package dev.aegan.studies.report;

import dev.aegan.studies.rules.Spread;

import java.util.List;

/** One claim's verdict in a report: the claim, its rule, the verdict in words, why, and the spread over seeds. */
public record ClaimVerdict(String id, String says, String rule, String verdict, String reason, List<Spread> spread) {
}
