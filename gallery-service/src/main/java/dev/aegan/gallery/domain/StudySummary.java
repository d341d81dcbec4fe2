package dev.aegan.gallery.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Map;

/**
 * One study as the gallery knows it from {@code studies.events}: what it reproduces, its state
 * ({@code submitted}, {@code completed} or {@code rejected}, with the rejection's {@code code} and
 * {@code reason}; a submitted study whose file cannot be read has a {@code reason} too), how many of its
 * runs are finished, whether its report is final (every run ended and judged at its last step), the
 * count of each verdict, and the gallery bucket and its keys of the report and figure once written
 * ({@code writeProblem} says why they are not, after every try failed).
 */
public record StudySummary(String study, String title, String paper, String profile, String state, String code,
                           String reason, int runsFinished, int runsTotal,
                           @JsonProperty("final") boolean finalReport,
                           Map<String, Long> verdicts, String bucket, String reportKey, String figureKey, String writeProblem,
                           Instant at) {
}
