package dev.aegan.studies.results;

import dev.aegan.contracts.events.EvaluationEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluation rows made up for a test, for runs named as the planner names them. */
public final class SyntheticResults {

    private final Map<String, RunCoordinates> runs = new LinkedHashMap<>();
    private final List<EvaluationEvent> rows = new ArrayList<>();

    /** Declares variant {@code variant} of {@code group} (varying {@code varied}) at each of {@code seeds}. */
    public SyntheticResults run(String group, int variant, Map<String, Object> varied, long... seeds) {
        for (long seed : seeds) {
            runs.put(runId(group, variant, seed), new RunCoordinates(group, variant, seed, varied));
        }
        return this;
    }

    public SyntheticResults value(String group, int variant, long seed, String metric, long step, double value) {
        rows.add(new EvaluationEvent(EvaluationEvent.SCHEMA, runId(group, variant, seed), "s." + group, step, metric,
                value, "pixels", 100, "metrics-service", Instant.EPOCH));
        return this;
    }

    /** The value of {@code metric} at step 100 for each seed 1, 2, ... in turn; NaN leaves a seed without one. */
    public SyntheticResults values(String group, int variant, String metric, double... bySeed) {
        for (int i = 0; i < bySeed.length; i++) {
            if (!Double.isNaN(bySeed[i])) {
                value(group, variant, i + 1, metric, 100, bySeed[i]);
            }
        }
        return this;
    }

    public ResultTable table() {
        return ResultTable.of(runs, rows);
    }

    public List<EvaluationEvent> rows() {
        return List.copyOf(rows);
    }

    private static String runId(String group, int variant, long seed) {
        return "s." + group + "-" + variant + "-s" + seed;
    }
}
