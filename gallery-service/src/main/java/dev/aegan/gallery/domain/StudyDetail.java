package dev.aegan.gallery.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.studies.report.StudyReport;

/**
 * A study's progress and its report as of now (absent for a rejected or unreadable study), as the
 * same JSON document {@link StudyReport#json()} writes to the bucket.
 */
public record StudyDetail(StudySummary progress, JsonNode report) {

    public static StudyDetail of(StudySummary progress, StudyReport report) {
        return new StudyDetail(progress, report == null ? null : EventJson.MAPPER.valueToTree(report));
    }
}
