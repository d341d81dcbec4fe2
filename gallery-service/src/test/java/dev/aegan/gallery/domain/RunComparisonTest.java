package dev.aegan.gallery.domain;

import dev.aegan.contracts.events.RunSpec;
import dev.aegan.gallery.domain.RunComparison.ComparedRun;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RunComparisonTest {

    @Test
    void aSweepOverLambdaVariesOnlyLambdaAndListsItsRunsInNumberOrder() {
        Map<String, RunSpec> specs = new HashMap<>();
        double[] lambdas = {0.1, 0.3, 0.5, 0.9, 0.2, 0.4, 0.6, 0.7, 0.8, 1.0};
        for (int i = 0; i < lambdas.length; i++) {
            specs.put("ijae-lambda-" + (i + 1), spec("ijae-lambda-" + (i + 1), 1,
                    Map.of("channels", 16, "lambda", lambdas[i])));
        }

        RunComparison comparison = RunComparison.of("ijae-lambda", specs);

        assertEquals("ijae-lambda", comparison.group());
        assertEquals(List.of("lambda"), comparison.varied());
        assertEquals("ijae-lambda-1", comparison.runs().get(0).runId());
        assertEquals("ijae-lambda-2", comparison.runs().get(1).runId());
        assertEquals("ijae-lambda-10", comparison.runs().get(9).runId());
        assertEquals(Map.of("lambda", 0.1), comparison.runs().get(0).values());
        assertEquals(Map.of("lambda", 1.0), comparison.runs().get(9).values());
    }

    @Test
    void specFieldsCountAndAHyperparameterLeftOutIsAValueOfItsOwn() {
        Map<String, RunSpec> specs = new HashMap<>();
        specs.put("a", spec("a", 1, Map.of("lambda", 0.3, "latentDim", 16)));
        specs.put("b", spec("b", 2, Map.of("lambda", 0.3)));

        RunComparison comparison = RunComparison.of(null, specs);

        assertNull(comparison.group());
        assertEquals(List.of("seed", "latentDim"), comparison.varied());
        assertEquals(Map.of("seed", 1L, "latentDim", 16), comparison.runs().get(0).values());
        Map<String, Object> leftOut = new LinkedHashMap<>();
        leftOut.put("seed", 2L);
        leftOut.put("latentDim", null);
        assertEquals(leftOut, comparison.runs().get(1).values());
    }

    @Test
    void oneAndOnePointZeroAreTheSameSetting() {
        Map<String, RunSpec> specs = new HashMap<>();
        specs.put("g-1", spec("g-1", 1, Map.of("beta1", 1, "lambda", 0.1)));
        specs.put("g-2", spec("g-2", 1, Map.of("beta1", 1.0, "lambda", 0.5)));

        assertEquals(List.of("lambda"), RunComparison.of("g", specs).varied());
    }

    @Test
    void aRunWhoseSpecIsNotKnownYetHasNoValuesAndDoesNotMakeEverythingVary() {
        Map<String, RunSpec> specs = new HashMap<>();
        specs.put("g-1", spec("g-1", 1, Map.of("lambda", 0.1)));
        specs.put("g-2", spec("g-2", 1, Map.of("lambda", 0.9)));
        specs.put("g-3", null);

        RunComparison comparison = RunComparison.of("g", specs);

        assertEquals(List.of("lambda"), comparison.varied());
        assertEquals(new ComparedRun("g-3", null), comparison.runs().get(2));
    }

    @Test
    void aLoneRunVariesNothing() {
        RunComparison comparison = RunComparison.of("g", Map.of("g-1", spec("g-1", 1, Map.of("lambda", 0.1))));

        assertEquals(List.of(), comparison.varied());
        assertEquals(List.of(new ComparedRun("g-1", Collections.emptyMap())), comparison.runs());
    }

    private static RunSpec spec(String runId, long seed, Map<String, Object> hyperparameters) {
        return new RunSpec(RunSpec.SCHEMA, runId, null, "lambda-ijae", "fashion-mnist", seed, 500, 64, 100,
                hyperparameters);
    }
}
