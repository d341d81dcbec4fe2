package dev.aegan.studies.report;

import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.studies.plan.PlannedRun;
import dev.aegan.studies.plan.StudyPlanner;
import dev.aegan.studies.results.ResultTable;
import dev.aegan.studies.results.RunCoordinates;
import dev.aegan.studies.rules.Judgement;
import dev.aegan.studies.rules.PaperValues.PaperValue;
import dev.aegan.studies.rules.Spread;
import dev.aegan.studies.spec.Claim;
import dev.aegan.studies.spec.Study;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A study's report from its evaluations: the entry point of whatever runs a study. Feed it the
 * evaluation events of the study's runs (the {@code evaluations} topic's records, or metrics- and
 * critic-service's {@code GET /evaluations}; events of other runs are ignored), and it builds the
 * result table, applies every claim's rule, and returns the report; {@link StudyFigure#png} draws the
 * figure from the same table.
 */
public final class StudyReports {

    private StudyReports() {
    }

    public static ResultTable results(Study study, String profile, Iterable<EvaluationEvent> evaluations) {
        List<PlannedRun> runs = StudyPlanner.plan(study, profile);
        return ResultTable.of(StudyPlanner.coordinates(runs), evaluations);
    }

    public static StudyReport report(Study study, String profile, ResultTable results) {
        List<TableRow> table = new ArrayList<>();
        for (var group : study.groups()) {
            for (RunCoordinates run : results.variants(group.name())) {
                for (String metric : study.metrics()) {
                    Spread ours = Spread.of(run.series(), metric, results.lastOverSeeds(run.series(), metric));
                    Optional<PaperValue> paper = study.paperValues().of(run.series(), metric);
                    table.add(new TableRow(run.series(), run.varied(), metric, ours.mean(), ours.sd(), ours.seeds(),
                            paper.map(PaperValue::value).orElse(null), paper.map(PaperValue::source).orElse(null)));
                }
            }
        }
        List<ClaimVerdict> claims = new ArrayList<>();
        for (Claim claim : study.claims()) {
            Judgement judgement = claim.rule().judge(results, study.paperValues());
            claims.add(new ClaimVerdict(claim.id(), claim.says(), claim.kind(), judgement.verdict().words(),
                    judgement.reason(), judgement.spread()));
        }
        return new StudyReport(StudyReport.SCHEMA, study.name(), study.title(), study.paper(), profile,
                study.profile(profile).seeds(), table, claims);
    }
}
