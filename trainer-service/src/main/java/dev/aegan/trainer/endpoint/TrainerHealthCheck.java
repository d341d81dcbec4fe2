package dev.aegan.trainer.endpoint;

import dev.aegan.trainer.topics.RunRequestIndex;
import dev.aegan.trainer.runs.ActiveRuns;
import dev.aegan.trainer.training.TrainerSettings;
import dev.aegan.trainer.training.TrainingDevice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the training device is resolved and runs.requests has been read once (until then
 * this replica cannot tell which request is the run of an id); says which device and how many
 * runs are training.
 */
@Readiness
@ApplicationScoped
public class TrainerHealthCheck implements HealthCheck {
    @Inject
    TrainingDevice device;
    @Inject
    ActiveRuns active;
    @Inject
    RunRequestIndex index;
    @Inject
    TrainerSettings settings;

    @Override
    public HealthCheckResponse call() {
        if (!index.complete()) {
            return HealthCheckResponse.named("trainer").down()
                    .withData("runRequests", "reading runs.requests from the beginning").build();
        }
        try {
            return HealthCheckResponse.named("trainer").up()
                    .withData("device", device.description())
                    .withData("activeRuns", active.all().size())
                    .withData("concurrency", settings.concurrency())
                    .build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("trainer").down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
