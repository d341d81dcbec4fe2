package dev.aegan.trainer.domain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.trainer.domain.SweepPlanner.PlannedRun;
import dev.aegan.trainer.domain.SweepPlanner.SweepPlan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepPlannerTest {

    private static final String BASE = "\"spec\":{\"model\":\"lambda-ijae\",\"dataset\":\"fashion\",\"steps\":50,"
            + "\"hyperparameters\":{\"channels\":16}}";

    @Test
    void oneRunPerValueEachWithTheBaseSpecTheGroupAndItsValue() throws Exception {
        SweepPlan plan = SweepPlanner.plan("{\"group\":\"ijae-lambda\"," + BASE
                + ",\"vary\":{\"lambda\":[0.1,0.3,0.5,0.9]}}", model -> "unused");
        assertEquals("ijae-lambda", plan.group());
        assertEquals(List.of("ijae-lambda-1", "ijae-lambda-2", "ijae-lambda-3", "ijae-lambda-4"),
                plan.runs().stream().map(PlannedRun::runId).toList());
        double[] lambdas = {0.1, 0.3, 0.5, 0.9};
        for (int i = 0; i < lambdas.length; i++) {
            PlannedRun run = plan.runs().get(i);
            JsonNode spec = EventJson.MAPPER.readTree(run.requestJson());
            assertEquals(run.runId(), spec.get("runId").textValue());
            assertEquals("ijae-lambda", spec.get("group").textValue());
            assertEquals("lambda-ijae", spec.get("model").textValue());
            assertEquals(50, spec.get("steps").intValue());
            assertEquals(16, spec.get("hyperparameters").get("channels").intValue());
            assertEquals(lambdas[i], spec.get("hyperparameters").get("lambda").doubleValue());
            assertEquals(Map.of("lambda", lambdas[i]), run.varied());
        }
    }

    @Test
    void severalHyperparametersGiveTheirCartesianProductFirstVaryingSlowest() {
        SweepPlan plan = SweepPlanner.plan("{" + BASE + ",\"vary\":{\"lambda\":[0.1,0.9],\"latentDim\":[8,16,32]}}",
                model -> model + "-abc");
        assertEquals("lambda-ijae-sweep-abc", plan.group());
        assertEquals(6, plan.runs().size());
        assertEquals(Map.of("lambda", 0.1, "latentDim", 32), plan.runs().get(2).varied());
        assertEquals(Map.of("lambda", 0.9, "latentDim", 8), plan.runs().get(3).varied());
    }

    @Test
    void malformedSweepsAreRefusedWithTheReason() {
        refused("{\"vary\":{\"lambda\":[0.1]}}", "spec is required");
        refused("{" + BASE + "}", "vary is required");
        refused("{" + BASE + ",\"vary\":{\"lambda\":[]}}", "non-empty list");
        refused("{" + BASE + ",\"vary\":{\"lambda\":0.5}}", "non-empty list");
        refused("{" + BASE + ",\"vary\":{\"lambda\":[0.5,0.5]}}", "twice");
        refused("{" + BASE + ",\"vary\":{\"channels\":[8]}}", "both in spec.hyperparameters and in vary");
        refused("{\"spec\":{\"model\":\"vae\",\"runId\":\"x\"},\"vary\":{\"latentDim\":[2]}}", "spec.runId");
        refused("{\"group\":\"Bad Group\"," + BASE + ",\"vary\":{\"lambda\":[0.1]}}", "group 'Bad Group'");
        refused("{\"spec\":{},\"vary\":{\"lambda\":[0.1]},\"lambdas\":[1]}", "unknown field 'lambdas'");
        refused("{" + BASE + ",\"vary\":{\"a\":[1,2,3,4,5,6,7,8,9],\"b\":[1,2,3,4,5,6,7,8]}}", "72 runs");
        // 12^7 = 35,831,808 combinations in a body of 300 bytes: refused before any is built
        String twelve = "[1,2,3,4,5,6,7,8,9,10,11,12]";
        refused("{" + BASE + ",\"vary\":{" + String.join(",", java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> "\"h" + i + "\":" + twelve).toList()) + "}}", "35831808 runs");
        refused("{" + BASE + ",\"vary\":{" + String.join(",", java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> "\"h" + i + "\":" + twelve).toList()) + "}}", "more than " + Long.MAX_VALUE);
        RejectedSpecException notJson = assertThrows(RejectedSpecException.class,
                () -> SweepPlanner.plan("[1]", model -> "g"));
        assertEquals(SpecRejection.INVALID_JSON, notJson.code());
    }

    private static void refused(String json, String messagePart) {
        RejectedSpecException e = assertThrows(RejectedSpecException.class, () -> SweepPlanner.plan(json, m -> "g"));
        assertEquals(SpecRejection.INVALID_SWEEP, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
