package dev.aegan.studies.report;

import dev.aegan.contracts.events.EventJson;

import java.util.List;

/**
 * What a study concluded under one profile: its table with the paper's numbers side by side and a
 * verdict per claim. {@link #json} is the report as a service would store or serve it; the figure is
 * {@link StudyFigure}'s.
 */
public record StudyReport(String schema, String study, String title, String paper, String profile, List<Long> seeds,
                          List<TableRow> table, List<ClaimVerdict> claims) {

    public static final String SCHEMA = "aegan.study-report/v1";

    public String json() {
        return EventJson.writeString(this);
    }
}
