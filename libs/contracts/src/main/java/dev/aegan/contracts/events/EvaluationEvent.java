package dev.aegan.contracts.events;

import java.time.Instant;

/**
 * One metric of a checkpoint. {@code extractor} names the feature extractor the value was
 * computed with ({@code pixels} when none), {@code sampleCount} how many images it used,
 * {@code group} the run's sweep ({@link RunSpec#group()}; absent for a run of its own).
 */
public record EvaluationEvent(
        String schema,
        String runId,
        String group,
        long step,
        String metric,
        double value,
        String extractor,
        long sampleCount,
        String producer,
        Instant at) {

    public static final String SCHEMA = "aegan.evaluation/v1";
}
