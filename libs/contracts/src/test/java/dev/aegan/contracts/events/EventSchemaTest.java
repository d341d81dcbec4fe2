package dev.aegan.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON each event record writes is what its published schema documents. */
class EventSchemaTest {
    private static final RunSpec SPEC = new RunSpec(RunSpec.SCHEMA, "run-1", null, "vae", "fashion-mnist", 7L,
            100, 64, 50, Map.of("latentDim", 16));
    private static final Instant AT = Instant.parse("2026-11-22T08:00:00Z");

    private static Set<ValidationMessage> validate(String schemaFile, Object event) throws Exception {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream("/schemas/" + schemaFile)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            JsonNode json = EventJson.MAPPER.readTree(EventJson.write(event));
            return schema.validate(json);
        }
    }

    @Test
    void everyEventMatchesItsSchema() throws Exception {
        assertEquals(Set.of(), validate("run-spec.schema.json", SPEC));
        assertEquals(Set.of(), validate("dataset-event.schema.json", new DatasetEvent(DatasetEvent.SCHEMA,
                DatasetEvent.Type.created, "fashion-mnist", 1, 28, 28, Map.of("train", 9L, "heldout", 1L),
                List.of("T-shirt/top"), AT)));
        assertEquals(Set.of(), validate("run-event.schema.json",
                new RunEvent(RunEvent.SCHEMA, "run-1", RunEvent.State.failed, 3, "dataset empty", SPEC, AT)));
        assertEquals(Set.of(), validate("training-metric.schema.json",
                new TrainingMetricEvent(TrainingMetricEvent.SCHEMA, "run-1", "sweep-1", 3, Map.of("vae/kl", 1.5), 800.0, AT)));
        assertEquals(Set.of(), validate("checkpoint.schema.json", new CheckpointEvent(CheckpointEvent.SCHEMA,
                "run-1", 50, false, SPEC, "checkpoints",
                List.of(new StoredObject("run-1/step-50/optimizer.bin", 12, "a".repeat(64))), AT)));
        assertEquals(Set.of(), validate("evaluation.schema.json", new EvaluationEvent(EvaluationEvent.SCHEMA,
                "run-1", "sweep-1", 50, "reconstruction_mse", 0.02, "pixels", 1000, "metrics-service", AT)));
        assertEquals(Set.of(), validate("evaluation.schema.json", new EvaluationEvent(EvaluationEvent.SCHEMA,
                "run-1", null, 50, "reconstruction_mse", 0.02, "pixels", 1000, "metrics-service", AT)
                .withLag(new JudgingLag(200, 41.5))));
        assertEquals(Set.of(), validate("run-spec.schema.json", withJudging(RunSpec.JUDGING_EVERY)));
        assertEquals(Set.of(), validate("run-spec.schema.json", withJudging(RunSpec.JUDGING_NEWEST)));
        assertEquals(Set.of(), validate("run-spec.schema.json", new RunSpec(RunSpec.SCHEMA, "run-1", null, "vae",
                "fashion-mnist", 7L, 100, 64, 50, Map.of(), null, true)));
        assertEquals(Set.of(), validate("checkpoint.schema.json", new CheckpointEvent(CheckpointEvent.SCHEMA,
                "run-1", 50, false, SPEC, "checkpoints",
                List.of(new StoredObject("run-1/step-50/optimizer.bin", 12, "a".repeat(64))), AT,
                new DataSeen(Map.of("train", 90L, "heldout", 10L), "b".repeat(64), List.of(
                        new DataSeen.DataArrival(0, Map.of("train", 40L, "heldout", 5L)),
                        new DataSeen.DataArrival(40, Map.of("train", 90L, "heldout", 10L)))))));
    }

    @Test
    void studyRecordsMatchTheirSchemas() throws Exception {
        assertEquals(Set.of(), validate("study-request.schema.json",
                new StudyRequest(StudyRequest.SCHEMA, EventJson.MAPPER.getNodeFactory().textNode("ijae-frontier"), null)));
        assertEquals(Set.of(), validate("study-request.schema.json", new StudyRequest(StudyRequest.SCHEMA,
                EventJson.MAPPER.createObjectNode().put("study", "mine"), "paper")));
        assertEquals(Set.of(), validate("study-event.schema.json", StudyEvent.submitted("mine", "local",
                EventJson.MAPPER.createObjectNode().put("study", "mine"), List.of("mine.a-1-s1"))));
        assertEquals(Set.of(), validate("study-event.schema.json", StudyEvent.rejected("mine", "local",
                StudyEvent.Rejection.INVALID_STUDY, "groups[0].name: missing")));
        assertEquals(Set.of(), validate("study-event.schema.json", StudyEvent.completed("toy", "local",
                EventJson.MAPPER.createObjectNode().put("study", "toy"), List.of("toy.kl-1-s1"),
                List.of(new EvaluationEvent(EvaluationEvent.SCHEMA, "toy.kl-1-s1", "toy.kl", 0, "fitted_mean", 0.5,
                        "appendix-b", 1, "trainer-service", AT)))));
        assertFalse(validate("study-request.schema.json", new StudyRequest(StudyRequest.SCHEMA,
                EventJson.MAPPER.getNodeFactory().numberNode(3), null)).isEmpty());
        assertFalse(validate("study-event.schema.json", new StudyEvent(StudyEvent.SCHEMA, "mine", "local",
                StudyEvent.State.rejected, null, List.of(), List.of(), null, null, AT)).isEmpty());
    }

    private static RunSpec withJudging(String judging) {
        return new RunSpec(RunSpec.SCHEMA, "run-1", null, "vae", "fashion-mnist", 7L, 100, 64, 50, Map.of(), judging);
    }

    @Test
    void schemasRejectWhatTheContractForbids() throws Exception {
        assertFalse(validate("run-event.schema.json",
                new RunEvent(RunEvent.SCHEMA, "run-1", null, 3, null, null, AT)).isEmpty());
        assertFalse(validate("checkpoint.schema.json", new CheckpointEvent(CheckpointEvent.SCHEMA, "run-1", 50,
                false, SPEC, "checkpoints", List.of(), AT)).isEmpty());
        assertFalse(validate("run-spec.schema.json", withJudging("sometimes")).isEmpty());
    }

    @Test
    void aSpecAndAnEvaluationReadBackWithTheirJudgingFields() {
        RunSpec spec = EventJson.read(EventJson.write(withJudging(RunSpec.JUDGING_EVERY)), RunSpec.class);
        assertEquals(RunSpec.JUDGING_EVERY, spec.judging());
        assertEquals(RunSpec.JUDGING_EVERY, spec.withRunId("run-2").judging());
        EvaluationEvent lagging = new EvaluationEvent(EvaluationEvent.SCHEMA, "run-1", null, 50, "m", 1.0, "pixels", 1,
                "metrics-service", AT).withLag(new JudgingLag(200, 41.5));
        assertEquals(lagging, EventJson.read(EventJson.write(lagging), EvaluationEvent.class));
    }

    @Test
    void timestampsAreIsoStringsAndUnknownFieldsAreIgnored() {
        String json = EventJson.writeString(new TrainingMetricEvent(TrainingMetricEvent.SCHEMA, "r", null, 1,
                Map.of(), 1.0, AT));
        assertTrue(json.contains("\"at\":\"2026-11-22T08:00:00Z\""), json);
        TrainingMetricEvent read = EventJson.read(json.replaceFirst("\\{", "{\"addedInV2\":1,"), TrainingMetricEvent.class);
        assertEquals(AT, read.at());
    }
}
