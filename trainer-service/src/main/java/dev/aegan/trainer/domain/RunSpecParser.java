package dev.aegan.trainer.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegan.contracts.Identifiers;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunSpec;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Reads a run request (REST body or runs.requests record value) into a complete {@link RunSpec}:
 * every field typed and in range, defaults filled in, a run id settled. Whether the model and
 * the dataset exist is checked elsewhere ({@code RunSpecValidator}); this class does no I/O.
 *
 * <p>Unknown fields are refused rather than ignored: a misspelt {@code step} would otherwise
 * silently train for the default number of steps.
 */
public final class RunSpecParser {

    private static final Set<String> FIELDS = Set.of("schema", "runId", "group", "model", "dataset", "seed",
            "steps", "batchSize", "checkpointEvery", "hyperparameters", "judging", "follow");
    private static final List<String> JUDGING = List.of(RunSpec.JUDGING_NEWEST, RunSpec.JUDGING_EVERY);

    private final SpecLimits limits;

    public RunSpecParser(SpecLimits limits) {
        this.limits = limits;
    }

    /**
     * @param json     the request as sent
     * @param key      the record key when the request came from Kafka, else null; when present it
     *                 is the run id and a {@code runId} field must agree with it
     * @param newRunId the id to use when neither the key nor the body names one, given the model name
     */
    public RunSpec parse(String json, String key, UnaryOperator<String> newRunId) {
        JsonNode root;
        try {
            root = json == null ? null : EventJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new RejectedSpecException(SpecRejection.INVALID_JSON,
                    "run request is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(root instanceof ObjectNode spec)) {
            throw new RejectedSpecException(SpecRejection.INVALID_JSON,
                    "run request must be a JSON object, got " + (root == null ? "nothing" : root.getNodeType()));
        }
        for (Iterator<String> names = spec.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid("unknown field '" + name + "'; a run spec has " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String schema = optionalText(spec, "schema");
        if (schema != null && !RunSpec.SCHEMA.equals(schema)) {
            throw invalid("schema must be '" + RunSpec.SCHEMA + "', got '" + schema + "'");
        }
        String model = requiredText(spec, "model");
        String runId = runId(optionalText(spec, "runId"), key, () -> newRunId.apply(model));
        String dataset = identifier(Identifiers.Kind.DATASET, "dataset", requiredText(spec, "dataset"));
        String group = optionalText(spec, "group");
        if (group != null) {
            identifier(Identifiers.Kind.GROUP, "group", group);
        }
        long seed = spec.hasNonNull("seed") ? integral(spec, "seed", Long.MIN_VALUE, Long.MAX_VALUE) : 0L;
        int steps = (int) optionalInt(spec, "steps", limits.defaultSteps(), 1, limits.maxSteps());
        int batchSize = (int) optionalInt(spec, "batchSize", limits.defaultBatchSize(), 1, limits.maxBatchSize());
        int checkpointEvery = (int) optionalInt(spec, "checkpointEvery",
                Math.min(limits.defaultCheckpointEvery(), steps), 1, steps);
        return new RunSpec(RunSpec.SCHEMA, runId, group, model, dataset, seed, steps, batchSize,
                checkpointEvery, hyperparameters(spec), judging(spec), follow(spec));
    }

    /** True, or null for absent and false: a spec that does not follow its dataset reads the same either way. */
    private static Boolean follow(ObjectNode spec) {
        JsonNode node = spec.get("follow");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw invalid("follow must be true or false, got " + node);
        }
        return node.booleanValue() ? Boolean.TRUE : null;
    }

    private static String judging(ObjectNode spec) {
        String judging = optionalText(spec, "judging");
        if (judging == null) {
            return RunSpec.JUDGING_NEWEST;
        }
        if (!JUDGING.contains(judging)) {
            throw invalid("judging must be one of " + JUDGING + ", got '" + judging + "'");
        }
        return judging;
    }

    private static String runId(String fromBody, String key, Supplier<String> newRunId) {
        if (fromBody != null) {
            identifier(Identifiers.Kind.RUN_ID, "runId", fromBody);
        }
        if (key != null && fromBody != null && !key.equals(fromBody)) {
            throw invalid("runId '" + fromBody + "' differs from the record key '" + key
                    + "'; the key of a runs.requests record is the run id");
        }
        String id = fromBody != null ? fromBody : key != null ? key : newRunId.get();
        return identifier(Identifiers.Kind.RUN_ID, key != null && fromBody == null ? "runId (the record key)" : "runId",
                id);
    }

    /** An identifier in a spec is refused like any other bad field, with the rule every service applies. */
    private static String identifier(Identifiers.Kind kind, String field, String value) {
        if (!Identifiers.isValid(value)) {
            throw invalid(Identifiers.problem(kind, field, value));
        }
        return value;
    }

    private static Map<String, Object> hyperparameters(ObjectNode spec) {
        JsonNode node = spec.get("hyperparameters");
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid("hyperparameters must be a JSON object of name to value, got " + node.getNodeType());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> values.put(e.getKey(), EventJson.MAPPER.convertValue(e.getValue(), Object.class)));
        return values;
    }

    private static String optionalText(ObjectNode spec, String field) {
        JsonNode node = spec.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw invalid(field + " must be a string, got " + node);
        }
        return node.textValue();
    }

    private static String requiredText(ObjectNode spec, String field) {
        String text = optionalText(spec, field);
        if (text == null || text.isBlank()) {
            throw invalid(field + " is required");
        }
        return text;
    }

    private static long optionalInt(ObjectNode spec, String field, long defaultValue, long min, long max) {
        return spec.hasNonNull(field) ? integral(spec, field, min, max) : defaultValue;
    }

    private static long integral(ObjectNode spec, String field, long min, long max) {
        JsonNode node = spec.get(field);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw invalid(field + " must be an integer, got " + node);
        }
        long value = node.longValue();
        if (value < min || value > max) {
            throw invalid(field + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    private static RejectedSpecException invalid(String message) {
        return new RejectedSpecException(SpecRejection.INVALID_SPEC, message);
    }

    /** Defaults for omitted fields and the allowed ranges; {@code checkpointEvery} may not exceed {@code steps}. */
    public record SpecLimits(int defaultSteps, int defaultBatchSize, int defaultCheckpointEvery, int maxSteps,
                             int maxBatchSize) {
    }
}
