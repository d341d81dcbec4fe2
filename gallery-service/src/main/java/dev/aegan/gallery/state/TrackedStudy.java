package dev.aegan.gallery.state;

import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.StudyEvent;
import dev.aegan.studies.json.StudyFileException;
import dev.aegan.studies.plan.PlannedRun;
import dev.aegan.studies.plan.StudyPlanner;
import dev.aegan.studies.spec.Study;
import dev.aegan.studies.spec.StudyFiles;

import java.util.List;

/**
 * A study's latest event with its file read: {@code study} and the planned run ids when the event
 * carries a readable definition, else {@code problem} says why not (a rejected study has neither).
 */
record TrackedStudy(StudyEvent event, Study study, List<String> runIds, String problem) {

    static TrackedStudy of(StudyEvent event) {
        List<String> announced = event.runIds() == null ? List.of() : List.copyOf(event.runIds());
        if (event.state() == StudyEvent.State.rejected) {
            return new TrackedStudy(event, null, announced, null);
        }
        if (event.definition() == null || event.definition().isNull()) {
            return new TrackedStudy(event, null, announced, "the event carries no study file");
        }
        if (event.profile() == null) {
            return new TrackedStudy(event, null, announced, "the event names no profile");
        }
        try {
            Study study = StudyFiles.parse(event.study() + ".json", EventJson.writeString(event.definition()));
            List<String> planned = StudyPlanner.plan(study, event.profile()).stream().map(PlannedRun::runId).toList();
            return new TrackedStudy(event, study, planned, null);
        } catch (StudyFileException | IllegalArgumentException e) {
            return new TrackedStudy(event, null, announced, "its study file cannot be read: " + e.getMessage());
        }
    }

    String name() {
        return event.study();
    }

    String profile() {
        return event.profile();
    }

    /** Where its report and figure go, and the identity of a written report. */
    String reportAddress() {
        return name() + "/" + profile();
    }
}
