package dev.aegan.metrics;

import dev.aegan.judging.JudgingSettings;
import dev.aegan.metrics.evaluation.CheckpointEvaluator;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** How the shared checkpoint consumer behaves in this service, from {@code aegan.metrics.*}. */
@Singleton
class JudgingSettingsProducer {

    @Produces
    @Singleton
    JudgingSettings judgingSettings(MetricsConfig config) {
        return JudgingSettings.of(CheckpointEvaluator.PRODUCER, config);
    }
}
