package dev.aegan.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * What became of a study request (topic {@code studies.events}, key = study name).
 * {@code submitted}: the study's runs ({@code runIds}) are on {@code runs.requests}, and
 * {@code definition} is the whole study file it ran, so a reader can build its report from the
 * {@code evaluations} topic alone. {@code rejected}: nothing was submitted; {@code code} and
 * {@code reason} say why. {@code completed}: a study that needs no service (the Appendix B toy) ran in
 * the trainer, and {@code results} are its values as evaluation events, from which its report is built as
 * any study's is from the {@code evaluations} topic.
 */
public record StudyEvent(
        String schema,
        String study,
        String profile,
        State state,
        JsonNode definition,
        List<String> runIds,
        List<EvaluationEvent> results,
        Rejection code,
        String reason,
        Instant at) {

    public static final String SCHEMA = "aegan.study-event/v1";

    public enum State {
        submitted, completed, rejected
    }

    /** Why a study request was refused; also the {@code code} of {@code POST /studies}' error body. */
    public enum Rejection {
        /** The record is not a study request's JSON. */
        MALFORMED_REQUEST,
        /** {@code study} names no study the trainers ship. */
        UNKNOWN_STUDY,
        /** The study file does not validate; {@code reason} names the path in it and the problem. */
        INVALID_STUDY,
        /** The study declares no such profile. */
        UNKNOWN_PROFILE,
        /** A run id the study plans is taken: the study (or one sharing its name) was submitted before. */
        RUNS_EXIST
    }

    public static StudyEvent submitted(String study, String profile, JsonNode definition, List<String> runIds) {
        return new StudyEvent(SCHEMA, study, profile, State.submitted, definition, List.copyOf(runIds), List.of(), null,
                null, Instant.now());
    }

    public static StudyEvent completed(String study, String profile, JsonNode definition, List<String> runIds,
                                       List<EvaluationEvent> results) {
        return new StudyEvent(SCHEMA, study, profile, State.completed, definition, List.copyOf(runIds),
                List.copyOf(results), null, null, Instant.now());
    }

    public static StudyEvent rejected(String study, String profile, Rejection code, String reason) {
        return new StudyEvent(SCHEMA, study, profile, State.rejected, null, List.of(), List.of(), code, reason,
                Instant.now());
    }
}
