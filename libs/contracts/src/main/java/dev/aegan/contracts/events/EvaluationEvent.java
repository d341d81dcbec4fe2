package dev.aegan.contracts.events;

import java.time.Instant;

/**
 * One metric of a checkpoint. {@code extractor} names the feature extractor the value was
 * computed with ({@code pixels} when none), {@code sampleCount} how many images it used,
 * {@code group} the run's sweep ({@link RunSpec#group()}; absent for a run of its own), {@code lag}
 * how far behind the trainer the judge was when it published the value (absent from producers
 * that do not follow a running trainer).
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
        Instant at,
        JudgingLag lag) {

    public static final String SCHEMA = "aegan.evaluation/v1";

    /** An evaluation without a lag. */
    public EvaluationEvent(String schema, String runId, String group, long step, String metric, double value,
                           String extractor, long sampleCount, String producer, Instant at) {
        this(schema, runId, group, step, metric, value, extractor, sampleCount, producer, at, null);
    }

    public EvaluationEvent withLag(JudgingLag judgingLag) {
        return new EvaluationEvent(schema, runId, group, step, metric, value, extractor, sampleCount, producer, at,
                judgingLag);
    }
}
