package dev.aegan.contracts.events;

import java.util.Map;

/**
 * What a user asks a trainer to do. {@code runId} is assigned by the trainer when absent;
 * {@code group} ties together the runs of one sweep.
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
        Map<String, Object> hyperparameters) {

    public static final String SCHEMA = "aegan.run-spec/v1";

    public RunSpec withRunId(String id) {
        return new RunSpec(SCHEMA, id, group, model, dataset, seed, steps, batchSize, checkpointEvery,
                hyperparameters);
    }
}
