package dev.aegan.contracts.events;

import java.util.Map;

/**
 * What a user asks a trainer to do. {@code runId} is assigned by the trainer when absent;
 * {@code group} ties together the runs of one sweep; {@code judging} says which of the run's
 * checkpoints the judges must judge when they fall behind ({@value #JUDGING_NEWEST}, the default
 * when absent, or {@value #JUDGING_EVERY}); {@code follow} true: the run takes in the images
 * appended to its dataset while it trains (absent, never {@code false}, otherwise, so that a spec
 * reads the same whether or not a client wrote the default).
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
        String judging,
        Boolean follow) {

    public static final String SCHEMA = "aegan.run-spec/v1";
    /** Judges behind the trainer pass over a checkpoint of the run once a newer one is waiting. */
    public static final String JUDGING_NEWEST = "newest";
    /** Every checkpoint of the run is judged, however far behind the judges fall (studies). */
    public static final String JUDGING_EVERY = "every";

    /** A spec that reads its dataset once, at start. */
    public RunSpec(String schema, String runId, String group, String model, String dataset, long seed, int steps,
                   int batchSize, int checkpointEvery, Map<String, Object> hyperparameters, String judging) {
        this(schema, runId, group, model, dataset, seed, steps, batchSize, checkpointEvery, hyperparameters, judging,
                null);
    }

    /** A spec that leaves {@code judging} to the default. */
    public RunSpec(String schema, String runId, String group, String model, String dataset, long seed, int steps,
                   int batchSize, int checkpointEvery, Map<String, Object> hyperparameters) {
        this(schema, runId, group, model, dataset, seed, steps, batchSize, checkpointEvery, hyperparameters, null);
    }

    public RunSpec withRunId(String id) {
        return new RunSpec(SCHEMA, id, group, model, dataset, seed, steps, batchSize, checkpointEvery,
                hyperparameters, judging, follow);
    }

    /** Whether the run takes in images appended to its dataset while it trains. */
    public boolean follows() {
        return Boolean.TRUE.equals(follow);
    }
}
