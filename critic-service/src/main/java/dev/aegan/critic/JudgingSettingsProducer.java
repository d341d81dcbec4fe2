package dev.aegan.critic;

import dev.aegan.critic.critic.CriticJudge;
import dev.aegan.judging.JudgingSettings;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** How the shared checkpoint consumer behaves in this service, from {@code aegan.critic.*}. */
@Singleton
class JudgingSettingsProducer {

    @Produces
    @Singleton
    JudgingSettings judgingSettings(CriticConfig config) {
        return JudgingSettings.of(CriticJudge.PRODUCER, config);
    }
}
