package dev.aegan.studies.plan;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.studies.results.RunCoordinates;
import dev.aegan.studies.spec.Group;
import dev.aegan.studies.spec.Profile;
import dev.aegan.studies.spec.Runner;
import dev.aegan.studies.spec.ServiceRunOptions;
import dev.aegan.studies.spec.Study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a study under one profile into its runs, deterministically: for each group, each variant
 * (numbered from 1 as a sweep numbers its runs) and each seed of the profile, the run
 * {@code <study>.<group>-<variant>-s<seed>}. A service run's spec has group {@code <study>.<group>},
 * the profile's budget and hyperparameters, and {@code "judging": "every"}, so every checkpoint is
 * judged and curves compare step by step.
 */
public final class StudyPlanner {

    private StudyPlanner() {
    }

    public static List<PlannedRun> plan(Study study, String profileName) {
        Profile profile = study.profile(profileName);
        List<PlannedRun> runs = new ArrayList<>();
        for (Group group : study.groups()) {
            List<Map<String, Object>> variants = group.variants();
            for (int v = 0; v < variants.size(); v++) {
                for (long seed : profile.seeds()) {
                    RunCoordinates coordinates = new RunCoordinates(group.name(), v + 1, seed, variants.get(v));
                    String runId = study.name() + "." + coordinates.series() + "-s" + seed;
                    ObjectNode request = study.runner() == Runner.SERVICES
                            ? runSpec(study, group, profile, coordinates, runId) : toy(group, profile, seed);
                    runs.add(new PlannedRun(runId, coordinates, request));
                }
            }
        }
        return List.copyOf(runs);
    }

    /** The planned runs by run id, as {@code ResultTable.of} takes them. */
    public static Map<String, RunCoordinates> coordinates(List<PlannedRun> runs) {
        Map<String, RunCoordinates> byId = new LinkedHashMap<>();
        runs.forEach(run -> byId.put(run.runId(), run.coordinates()));
        return byId;
    }

    private static ObjectNode runSpec(Study study, Group group, Profile profile, RunCoordinates coordinates, String runId) {
        ObjectNode spec = EventJson.MAPPER.createObjectNode();
        spec.put("schema", RunSpec.SCHEMA);
        spec.put("runId", runId);
        spec.put("group", study.name() + "." + group.name());
        spec.put("model", group.spec().get("model").textValue());
        spec.put("dataset", study.dataset());
        spec.put("seed", coordinates.seed());
        for (String budget : List.of("steps", "batchSize", "checkpointEvery")) {
            spec.set(budget, profile.settings().get(budget));
        }
        spec.set("hyperparameters", EventJson.MAPPER.valueToTree(
                ServiceRunOptions.hyperparameters(group, profile, coordinates.varied())));
        spec.put("judging", RunSpec.JUDGING_EVERY);
        return spec;
    }

    private static ObjectNode toy(Group group, Profile profile, long seed) {
        ObjectNode request = EventJson.MAPPER.createObjectNode();
        request.set("divergence", group.spec().get("divergence"));
        request.set("scale", profile.settings().get("scale"));
        request.put("seed", seed);
        return request;
    }
}
