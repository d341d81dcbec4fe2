package dev.aegan.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A request to run a study (topic {@code studies.requests}, key = study name; trainer's
 * {@code POST /studies}). {@code study} is either the name of a study the trainers ship (a JSON
 * string, e.g. {@code "ijae-frontier"}) or a whole study file's object; {@code profile} is the
 * budget to run it at ({@value #DEFAULT_PROFILE} when absent).
 */
public record StudyRequest(String schema, JsonNode study, String profile) {

    public static final String SCHEMA = "aegan.study-request/v1";
    public static final String DEFAULT_PROFILE = "local";

    /** The profile asked for, or the default. */
    public String profileOrDefault() {
        return profile == null || profile.isBlank() ? DEFAULT_PROFILE : profile;
    }
}
