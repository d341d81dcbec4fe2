package dev.aegan.trainer.studies;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.StudyEvent;
import dev.aegan.contracts.events.StudyEvent.Rejection;
import dev.aegan.contracts.events.StudyRequest;
import dev.aegan.studies.inprocess.InProcessStudies;
import dev.aegan.studies.json.StudyFileException;
import dev.aegan.studies.plan.PlannedRun;
import dev.aegan.studies.plan.StudyPlanner;
import dev.aegan.studies.spec.Runner;
import dev.aegan.studies.spec.ShippedStudies;
import dev.aegan.studies.spec.Study;
import dev.aegan.studies.spec.StudyFiles;
import dev.aegan.trainer.domain.RejectedSpecException;
import dev.aegan.trainer.runs.RunQueue;
import dev.aegan.trainer.runs.RunSpecValidator;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a study request into its runs. {@link #plan} checks everything (the request, the study file, the
 * profile, every planned run as {@code POST /runs} would, and that no planned run id belongs to another
 * spec) before anything is queued; POST /studies and the studies.requests consumer both use it, so a
 * record produced straight onto the topic is refused for the same reasons a POST is. A request is
 * idempotent: a run id already requested with the same spec is the same run, not queued again.
 */
@ApplicationScoped
public class StudyLauncher {
    private final RunSpecValidator validator;
    private final RunQueue queue;
    private final String producer;

    StudyLauncher(RunSpecValidator validator, RunQueue queue,
                  @ConfigProperty(name = "quarkus.application.name") String producer) {
        this.validator = validator;
        this.queue = queue;
        this.producer = producer;
    }

    /**
     * A study that passed every check: its request (profile filled in), its file as JSON, every run id it
     * plans, and the specs to queue (none for a study that runs in process).
     */
    public record Launch(StudyRequest request, Study study, JsonNode definition, List<String> runIds,
                         List<RunSpec> specs) {
        public String profile() {
            return request.profile();
        }

        /** The request named a shipped study, which {@code GET /studies/{name}} serves. */
        public boolean shipped() {
            return request.study().isTextual();
        }
    }

    /** A REST body may leave out {@code schema}. */
    public static String withSchema(String body) {
        try {
            JsonNode root = EventJson.MAPPER.readTree(body);
            if (root instanceof ObjectNode object && !object.has("schema")) {
                object.put("schema", StudyRequest.SCHEMA);
                return object.toString();
            }
        } catch (JsonProcessingException e) {
            // plan refuses it, saying why
        }
        return body;
    }

    /** @throws StudyRejectedException naming the first problem found */
    public Launch plan(String json) {
        StudyRequest request = request(json);
        String profile = request.profileOrDefault();
        String named = request.study().isTextual() ? request.study().textValue()
                : request.study().path("study").isTextual() ? request.study().get("study").textValue() : null;
        Study study;
        JsonNode definition;
        try {
            if (request.study().isTextual()) {
                String text = ShippedStudies.json(named).orElseThrow(() -> new StudyRejectedException(
                        Rejection.UNKNOWN_STUDY, named, profile, "no shipped study is named '" + named + "'; shipped: "
                        + ShippedStudies.names() + " (or send a whole study file as \"study\")"));
                study = StudyFiles.parse(named + ".json", text);
                definition = EventJson.MAPPER.readTree(text);
            } else {
                study = StudyFiles.parse(request.study());
                definition = request.study();
            }
        } catch (StudyFileException e) {
            throw new StudyRejectedException(Rejection.INVALID_STUDY, named, profile, e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("shipped study " + named + " is not JSON", e);
        }
        if (!study.profiles().containsKey(profile)) {
            throw new StudyRejectedException(Rejection.UNKNOWN_PROFILE, study.name(), profile, "study " + study.name()
                    + " has no profile '" + profile + "'; it has " + study.profiles().keySet());
        }
        List<PlannedRun> planned = StudyPlanner.plan(study, profile);
        List<RunSpec> specs = study.runner() == Runner.SERVICES ? validate(study, profile, planned) : List.of();
        List<String> taken = specs.stream().filter(queue::takenByAnother).map(RunSpec::runId).toList();
        if (!taken.isEmpty()) {
            throw runsExist(study.name(), profile, taken);
        }
        return new Launch(new StudyRequest(StudyRequest.SCHEMA, request.study(), profile), study, definition,
                planned.stream().map(PlannedRun::runId).toList(), specs);
    }

    /**
     * Queues the study's runs that are not queued yet, or runs an in-process study here.
     *
     * @return {@code submitted}, or {@code completed} with the results of a study that ran in process
     * @throws StudyRejectedException RUNS_EXIST when another request took one of its run ids since
     *                                {@link #plan} (its other runs are queued)
     */
    public StudyEvent launch(Launch launch) {
        String name = launch.study().name();
        if (launch.study().runner() == Runner.APPENDIX_B) {
            return StudyEvent.completed(name, launch.profile(), launch.definition(), launch.runIds(),
                    InProcessStudies.evaluations(launch.study(), launch.profile(), producer));
        }
        List<String> taken = new ArrayList<>();
        for (RunSpec spec : launch.specs()) {
            if (!queue.queue(spec) && queue.takenByAnother(spec)) {
                taken.add(spec.runId());
            }
        }
        if (!taken.isEmpty()) {
            throw runsExist(name, launch.profile(), taken);
        }
        return StudyEvent.submitted(name, launch.profile(), launch.definition(), launch.runIds());
    }

    private List<RunSpec> validate(Study study, String profile, List<PlannedRun> planned) {
        List<RunSpec> specs = new ArrayList<>();
        for (PlannedRun run : planned) {
            try {
                specs.add(validator.validate(run.request().toString(), null, model -> run.runId()).spec());
            } catch (RejectedSpecException e) {
                throw new StudyRejectedException(Rejection.INVALID_STUDY, study.name(), profile, "run " + run.runId()
                        + " of study " + study.name() + " (profile " + profile + ") is refused, " + e.code() + ": "
                        + e.getMessage());
            }
        }
        return specs;
    }

    private static StudyRejectedException runsExist(String study, String profile, List<String> taken) {
        return new StudyRejectedException(Rejection.RUNS_EXIST, study, profile, "runs " + taken + " exist with other "
                + "specs (GET /runs/" + taken.get(0) + "): study " + study + " ran before under another profile or "
                + "definition; give the study file another \"study\" name to run it again");
    }

    private static StudyRequest request(String json) {
        JsonNode root;
        try {
            root = json == null ? null : EventJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed("is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("must be a JSON object {\"schema\": \"" + StudyRequest.SCHEMA + "\", \"study\": ..., "
                    + "\"profile\": ...}");
        }
        if (!StudyRequest.SCHEMA.equals(root.path("schema").asText())) {
            throw malformed("schema must be \"" + StudyRequest.SCHEMA + "\", not " + root.get("schema"));
        }
        JsonNode study = root.path("study");
        if (!study.isTextual() && !study.isObject()) {
            throw malformed("study must be a shipped study's name or a whole study file's object, not " + study);
        }
        JsonNode profile = root.path("profile");
        if (!profile.isMissingNode() && !profile.isNull() && !profile.isTextual()) {
            throw malformed("profile must be a profile's name, e.g. \"local\" or \"paper\", not " + profile);
        }
        return new StudyRequest(StudyRequest.SCHEMA, study, profile.isTextual() ? profile.textValue() : null);
    }

    private static StudyRejectedException malformed(String problem) {
        return new StudyRejectedException(Rejection.MALFORMED_REQUEST, null, null, "the study request " + problem);
    }
}
