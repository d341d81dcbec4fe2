package dev.aegan.contracts.events;

import java.time.Instant;
import java.util.Map;

/**
 * Losses and other scalars of one training step, named {@code phase/quantity}
 * (e.g. {@code vae/kl}), plus throughput.
 */
public record TrainingMetricEvent(
        String schema,
        String runId,
        long step,
        Map<String, Double> values,
        double imagesPerSecond,
        Instant at) {

    public static final String SCHEMA = "aegan.training-metric/v1";
}
