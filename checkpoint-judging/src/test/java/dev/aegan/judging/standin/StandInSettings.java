package dev.aegan.judging.standin;

import dev.aegan.judging.JudgingSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;

/** The judging settings of this module's test application, as a service produces its own. */
@ApplicationScoped
class StandInSettings {

    @Produces
    @Singleton
    JudgingSettings judgingSettings() {
        return new JudgingSettings(GatedJudge.PRODUCER, 2, Duration.ofMillis(200), Duration.ofSeconds(30),
                Duration.ofSeconds(30), 50);
    }
}
