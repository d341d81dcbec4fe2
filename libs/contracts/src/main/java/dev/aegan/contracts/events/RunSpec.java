package dev.aegan.contracts.events;

import java.util.Map;

/**
 * What a user asks a trainer to do. {@code runId} is assigned by the trainer when absent;
 * {@code group} ties together the runs of one sweep; {@code judging} says which of the run's
 * checkpoints the judges must judge when they fall behind ({@value #JUDGING_NEWEST}, the default
 * when absent, or {@value #JUDGING_EVERY}).
 */
public record RunSpec(
        String schema,
        String runId,
        String group,
        String model,
        String dataset,
        long seed,
        int steps,
        int batchSize,
        int checkpointEvery,
        Map<String, Object> hyperparameters,
        String judging) {

    public static final String SCHEMA = "aegan.run-spec/v1";
    /** Judges behind the trainer pass over a checkpoint of the run once a newer one is waiting. */
    public static final String JUDGING_NEWEST = "newest";
    /** Every checkpoint of the run is judged, however far behind the judges fall (studies). */
    public static final String JUDGING_EVERY = "every";

    /** A spec that leaves {@code judging} to the default. */
    public RunSpec(String schema, String runId, String group, String model, String dataset, long seed, int steps,
                   int batchSize, int checkpointEvery, Map<String, Object> hyperparameters) {
        this(schema, runId, group, model, dataset, seed, steps, batchSize, checkpointEvery, hyperparameters, null);
    }

    public RunSpec withRunId(String id) {
        return new RunSpec(SCHEMA, id, group, model, dataset, seed, steps, batchSize, checkpointEvery,
                hyperparameters, judging);
    }
}
