package dev.aegan.health;

import dev.aegan.contracts.kafka.KafkaClientSettings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Ready only while the Kafka cluster answers a metadata request within {@code aegan.health.timeout}. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {
    private final Admin admin;
    private final TimedProbe probe;

    BrokerReadiness(KafkaClientSettings kafka,
                    @ConfigProperty(name = "aegan.health.timeout", defaultValue = "3s") Duration timeout) {
        this.admin = Admin.create(kafka.forClient(Map.of()));
        this.probe = new TimedProbe("kafka", () -> {
            var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            return cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size() + " broker(s), controller "
                    + cluster.controller().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }, timeout);
    }

    @Override
    public HealthCheckResponse call() {
        return probe.call();
    }

    @PreDestroy
    void close() {
        probe.close();
        admin.close(Duration.ofSeconds(1));
    }
}
