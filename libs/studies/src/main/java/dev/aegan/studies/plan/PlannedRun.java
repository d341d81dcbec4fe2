package dev.aegan.studies.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegan.studies.results.RunCoordinates;

/**
 * One run of a study: its id, where it sits in the study, and its request: for the services a
 * complete {@code POST /runs} body (a {@code RunSpec}), for the Appendix B toy its divergence,
 * scale and seed.
 */
public record PlannedRun(String runId, RunCoordinates coordinates, ObjectNode request) {
}
