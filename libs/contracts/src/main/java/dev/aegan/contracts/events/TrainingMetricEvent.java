package dev.aegan.contracts.events;

import java.time.Instant;
import java.util.Map;

/**
 * Losses and other scalars of one training step, named {@code phase/quantity}
 * (e.g. {@code vae/kl}), plus throughput. {@code group} is the run's sweep ({@link RunSpec#group()}),
 * absent for a run of its own, so a consumer can compare the runs of one sweep without joining
 * runs.events.
 */
public record TrainingMetricEvent(
        String schema,
        String runId,
        String group,
        long step,
        Map<String, Double> values,
        double imagesPerSecond,
        Instant at) {

    public static final String SCHEMA = "aegan.training-metric/v1";
}
