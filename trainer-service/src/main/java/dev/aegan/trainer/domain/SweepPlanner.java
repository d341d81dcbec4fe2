package dev.aegan.trainer.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.SweepVariants;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Expands a sweep request into the run requests it stands for, one per combination of the varied
 * hyperparameters:
 * <pre>
 *   {"group": "ijae-lambda",                       optional; a fresh id when absent
 *    "spec": {"model": "lambda-ijae", "dataset": "fashion-mnist", "steps": 2000, ...},
 *    "vary": {"lambda": [0.1, 0.3, 0.5, 0.9]}}     one or more hyperparameters, each a list
 * </pre>
 * Every run gets the base spec's fields, {@code group} set to the sweep's id and the run id
 * {@code <group>-<n>} (n from 1, in the order of the cartesian product, the first hyperparameter
 * varying slowest). Whether each run is trainable is checked by {@code RunSpecValidator}; this
 * class only shapes the requests.
 */
public final class SweepPlanner {

    /** More runs than this is almost certainly a mistake in the request; split it into several sweeps. */
    public static final int MAX_RUNS = 64;

    private static final Set<String> FIELDS = Set.of("group", "spec", "vary");
    // "-" plus up to two digits of run number must still fit the 63-character run id.
    private static final int MAX_GROUP_LENGTH = 60;

    private SweepPlanner() {
    }

    /**
     * @param newGroup the sweep id to use when the request names none, given the model name
     * @throws RejectedSpecException with code INVALID_JSON or INVALID_SWEEP
     */
    public static SweepPlan plan(String json, UnaryOperator<String> newGroup) {
        ObjectNode request = object(json);
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid("unknown field '" + name + "'; a sweep request has group, spec and vary");
            }
        }
        if (!(request.get("spec") instanceof ObjectNode base)) {
            throw invalid("spec is required: the run spec every run of the sweep shares (model, dataset, ...)");
        }
        for (String field : List.of("runId", "group")) {
            if (base.has(field)) {
                throw invalid("spec." + field + " is set by the sweep (runs are <group>-1, <group>-2, ...); remove it");
            }
        }
        Map<String, List<JsonNode>> vary = vary(request.get("vary"), base);
        String group = group(request.get("group"), base, newGroup);
        // counted before any is built: a body of a few hundred bytes can ask for billions
        long size = 1;
        for (List<JsonNode> values : vary.values()) {
            size = size > Long.MAX_VALUE / values.size() ? Long.MAX_VALUE : size * values.size();
        }
        if (size > MAX_RUNS) {
            throw invalid("the sweep expands to " + (size == Long.MAX_VALUE ? "more than " + Long.MAX_VALUE : size)
                    + " runs; at most " + MAX_RUNS + " per request");
        }
        List<Map<String, JsonNode>> combinations = SweepVariants.of(vary);
        List<PlannedRun> runs = new ArrayList<>();
        for (Map<String, JsonNode> values : combinations) {
            ObjectNode spec = base.deepCopy();
            String runId = group + "-" + (runs.size() + 1);
            spec.put("runId", runId);
            spec.put("group", group);
            ObjectNode hyperparameters = spec.has("hyperparameters") && spec.get("hyperparameters").isObject()
                    ? (ObjectNode) spec.get("hyperparameters") : spec.putObject("hyperparameters");
            values.forEach(hyperparameters::set);
            Map<String, Object> varied = new LinkedHashMap<>();
            values.forEach((name, value) -> varied.put(name, EventJson.MAPPER.convertValue(value, Object.class)));
            runs.add(new PlannedRun(runId, varied, spec.toString()));
        }
        return new SweepPlan(group, List.copyOf(runs));
    }

    private static ObjectNode object(String json) {
        JsonNode root;
        try {
            root = json == null ? null : EventJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RejectedSpecException(SpecRejection.INVALID_JSON,
                    "sweep request is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode request)) {
            throw new RejectedSpecException(SpecRejection.INVALID_JSON,
                    "sweep request must be a JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
        }
        return request;
    }

    private static Map<String, List<JsonNode>> vary(JsonNode node, ObjectNode base) {
        if (!(node instanceof ObjectNode vary) || vary.isEmpty()) {
            throw invalid("vary is required: hyperparameter name -> list of values, e.g. {\"lambda\": [0.1, 0.5]}");
        }
        JsonNode fixed = base.get("hyperparameters");
        Map<String, List<JsonNode>> lists = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = vary.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            if (!(entry.getValue() instanceof ArrayNode values) || values.isEmpty()) {
                throw invalid("vary." + name + " must be a non-empty list of values, got " + entry.getValue());
            }
            if (fixed != null && fixed.has(name)) {
                throw invalid("'" + name + "' is both in spec.hyperparameters and in vary; keep it in one place");
            }
            Set<JsonNode> seen = new HashSet<>();
            List<JsonNode> list = new ArrayList<>();
            for (JsonNode value : values) {
                if (!seen.add(value)) {
                    throw invalid("vary." + name + " lists " + value + " twice");
                }
                list.add(value);
            }
            lists.put(name, list);
        }
        return lists;
    }

    private static String group(JsonNode node, ObjectNode base, UnaryOperator<String> newGroup) {
        String group;
        if (node == null || node.isNull()) {
            JsonNode model = base.get("model");
            group = newGroup.apply(model != null && model.isTextual() ? model.textValue() + "-sweep" : "sweep");
        } else if (node.isTextual()) {
            group = node.textValue();
        } else {
            throw invalid("group must be a string, got " + node);
        }
        if (!Identifiers.isValid(group)) {
            throw invalid(Identifiers.problem(Identifiers.Kind.GROUP, "group", group));
        }
        if (group.length() > MAX_GROUP_LENGTH) {
            throw invalid("group '" + group + "' has " + group.length() + " characters; a sweep's group may have at most "
                    + MAX_GROUP_LENGTH + " (its runs are <group>-1, <group>-2, ...)");
        }
        return group;
    }


    private static RejectedSpecException invalid(String message) {
        return new RejectedSpecException(SpecRejection.INVALID_SWEEP, message);
    }

    /** The runs one sweep request stands for. */
    public record SweepPlan(String group, List<PlannedRun> runs) {
    }

    /** One run of a sweep: its id, the hyperparameter values it varies, and its run request. */
    public record PlannedRun(String runId, Map<String, Object> varied, String requestJson) {
    }
}
