package dev.aegan.studies.inprocess;

import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.studies.appendixb.AppendixBFits;
import dev.aegan.studies.plan.PlannedRun;
import dev.aegan.studies.plan.StudyPlanner;
import dev.aegan.studies.report.StudyFigure;
import dev.aegan.studies.report.StudyReport;
import dev.aegan.studies.report.StudyReports;
import dev.aegan.studies.results.ResultTable;
import dev.aegan.studies.spec.Runner;
import dev.aegan.studies.spec.Study;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a study that needs no service ({@link Runner#APPENDIX_B}) in this process: each planned run is
 * fitted, its values become evaluation events as a judge would publish them (step 0; producer
 * {@value #PRODUCER} for the report built here, or whoever publishes them), and the report is built
 * from them exactly as from a service study's.
 */
public final class InProcessStudies {

    public static final String PRODUCER = "studies-in-process";

    private InProcessStudies() {
    }

    /** The report and its figure (PNG). */
    public record Outcome(StudyReport report, byte[] figure) {
    }

    public static Outcome run(Study study, String profile) {
        List<EvaluationEvent> evaluations = evaluations(study, profile, PRODUCER);
        ResultTable results = StudyReports.results(study, profile, evaluations);
        return new Outcome(StudyReports.report(study, profile, results), StudyFigure.png(study, results));
    }

    /**
     * Fits every planned run of the study and gives its values as evaluation events.
     *
     * @param producer who publishes them, the events' {@code producer}
     */
    public static List<EvaluationEvent> evaluations(Study study, String profile, String producer) {
        if (study.runner() != Runner.APPENDIX_B) {
            throw new IllegalArgumentException("study " + study.name() + " runs on the services (runner "
                    + study.runner().fileName() + "); only appendix-b studies run in process");
        }
        List<EvaluationEvent> evaluations = new ArrayList<>();
        for (PlannedRun run : StudyPlanner.plan(study, profile)) {
            Map<String, Double> values = AppendixBFits.fit(run.request().get("divergence").textValue(),
                    run.request().get("scale").textValue(), run.coordinates().seed());
            Instant at = Instant.now();
            values.forEach((metric, value) -> evaluations.add(new EvaluationEvent(EvaluationEvent.SCHEMA, run.runId(),
                    study.name() + "." + run.coordinates().group(), 0, metric, value, Runner.APPENDIX_B.fileName(), 1,
                    producer, at)));
        }
        return evaluations;
    }
}
