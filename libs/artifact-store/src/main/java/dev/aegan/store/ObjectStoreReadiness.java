package dev.aegan.store;

import dev.aegan.health.TimedProbe;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Ready only while the S3 server answers a signed request within {@code aegan.health.timeout}:
 * every service that keeps artifacts needs it for its job.
 */
@Readiness
@ApplicationScoped
public class ObjectStoreReadiness implements HealthCheck {
    private static final String PROBED_BUCKET = "aegan-readiness";

    private final TimedProbe probe;

    ObjectStoreReadiness(ArtifactStore store,
                         @ConfigProperty(name = "aegan.health.timeout", defaultValue = "3s") Duration timeout) {
        this.probe = new TimedProbe("s3", () -> store.probe(PROBED_BUCKET), timeout);
    }

    @Override
    public HealthCheckResponse call() {
        return probe.call();
    }

    @PreDestroy
    void close() {
        probe.close();
    }
}
