package dev.aegan.gallery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.StudyEvent;
import dev.aegan.studies.plan.PlannedRun;
import dev.aegan.studies.plan.StudyPlanner;
import dev.aegan.studies.spec.Study;
import dev.aegan.studies.spec.StudyFiles;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two small studies as the trainer would announce them on {@code studies.events}, and their runs'
 * events as the trainer and judges would publish them, written by hand for a test.
 */
public final class StudyFixtures {
    public static final String PROFILE = "local";

    /** A study of the services: two VAE widths, two seeds, one metric, one claim, a bar figure. */
    static final String SERVICES = "gallery-vae";
    static final String SERVICES_JSON = """
            {"study": "gallery-vae", "title": "Two VAE widths, made up for the gallery's tests",
             "paper": "no paper: a test", "dataset": "fashion-mnist", "imageShape": [1, 28, 28],
             "groups": [{"name": "narrow", "spec": {"model": "vae", "hyperparameters": {"network": "flexae", "channels": 8}}},
                        {"name": "wide", "spec": {"model": "vae", "hyperparameters": {"network": "flexae", "channels": 16}}}],
             "profiles": {"local": {"seeds": [1, 2], "steps": 20, "batchSize": 8, "checkpointEvery": 10},
                          "paper": {"seeds": [1, 2], "steps": 1000, "batchSize": 64, "checkpointEvery": 500}},
             "metrics": ["reconstruction_mse"],
             "reference": [{"group": "narrow", "metric": "reconstruction_mse", "value": 0.05,
                            "source": "Table 0 of no paper"}],
             "claims": [{"id": "wide-reconstructs-better", "says": "the wider VAE reconstructs better",
                         "rule": "ordering", "metric": "reconstruction_mse", "groups": ["narrow", "wide"],
                         "order": "decreasing", "minSeeds": 2}],
             "figure": {"kind": "bars", "metrics": ["reconstruction_mse"], "groups": ["narrow", "wide"]}}
            """;

    /** An in-process study (Appendix B's runner), two divergences, two seeds. */
    public static final String TOY = "gallery-toy";
    public static final String TOY_JSON = """
            {"study": "gallery-toy", "title": "Mass on the central modes, made up for the gallery's tests",
             "paper": "no paper: a test", "runner": "appendix-b",
             "groups": [{"name": "forward-kl", "spec": {"divergence": "forward-kl"}},
                        {"name": "reverse-kl", "spec": {"divergence": "reverse-kl"}}],
             "profiles": {"local": {"seeds": [1, 2], "scale": "scaled-down"},
                          "paper": {"seeds": [1, 2], "scale": "paper"}},
             "metrics": ["central_mass"],
             "claims": [{"id": "central-mass-order", "says": "forward KL puts less mass on the central modes",
                         "rule": "ordering", "metric": "central_mass", "groups": ["forward-kl", "reverse-kl"],
                         "order": "increasing", "minSeeds": 2}],
             "figure": {"kind": "bars", "metrics": ["central_mass"], "groups": ["forward-kl", "reverse-kl"]}}
            """;
    /** The toy's central mass by group, seed 1 then seed 2. */
    static final Map<String, double[]> TOY_CENTRAL_MASS = Map.of("forward-kl", new double[]{0.30, 0.34},
            "reverse-kl", new double[]{0.90, 0.92});

    private StudyFixtures() {
    }

    public static Study study(String name, String json) {
        return StudyFiles.parse(name + ".json", json);
    }

    static List<PlannedRun> plan(String name, String json) {
        return StudyPlanner.plan(study(name, json), PROFILE);
    }

    /** The services study's file under another name (and so other run ids). */
    static String servicesJson(String name) {
        return SERVICES_JSON.replace("\"" + SERVICES + "\"", "\"" + name + "\"");
    }

    static StudyEvent submitted(String name) {
        return StudyEvent.submitted(name, PROFILE, definition(servicesJson(name)),
                plan(name, servicesJson(name)).stream().map(PlannedRun::runId).toList());
    }

    /** The toy's event with its results, as the trainer announces it once the study ran in process. */
    public static StudyEvent completed() {
        List<EvaluationEvent> results = new ArrayList<>();
        List<String> runIds = new ArrayList<>();
        for (PlannedRun run : plan(TOY, TOY_JSON)) {
            runIds.add(run.runId());
            double value = TOY_CENTRAL_MASS.get(run.coordinates().group())[(int) run.coordinates().seed() - 1];
            results.add(new EvaluationEvent(EvaluationEvent.SCHEMA, run.runId(), TOY + "." + run.coordinates().group(),
                    0, "central_mass", value, "appendix-b", 1, "studies-in-process", Instant.EPOCH));
        }
        return StudyEvent.completed(TOY, PROFILE, definition(TOY_JSON), runIds, results);
    }

    static void publish(TestPlatform platform, StudyEvent event) {
        platform.sendEvent(Topics.STUDY_EVENTS, event.study(), event);
    }

    /** A planned run of the services study ended as {@code state} at its last step. */
    static void publishRunEnded(TestPlatform platform, PlannedRun run, RunEvent.State state) {
        RunSpec spec = EventJson.MAPPER.convertValue(run.request(), RunSpec.class);
        platform.sendEvent(Topics.RUN_EVENTS, run.runId(), RunEvent.of(spec, state, spec.steps(), null));
    }

    static void publishEvaluation(TestPlatform platform, PlannedRun run, long step, String metric, double value) {
        platform.sendEvent(Topics.EVALUATIONS, run.runId(), new EvaluationEvent(EvaluationEvent.SCHEMA, run.runId(),
                run.request().get("group").textValue(), step, metric, value, "pixels", 32, "metrics-service",
                Instant.now()));
    }

    private static JsonNode definition(String json) {
        try {
            return EventJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a fixture is not JSON", e);
        }
    }
}
