package dev.aegan.health;

import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Ready only while the Kafka cluster answers a metadata request within {@code aegan.health.timeout}. */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {
    private final Admin admin;
    private final TimedProbe probe;

    BrokerReadiness(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                    @ConfigProperty(name = "aegan.health.timeout", defaultValue = "3s") Duration timeout) {
        Map<String, Object> client = new HashMap<>(kafka);
        // Quarkus adds the application name as group.id for consumers; an admin client has no use for it
        client.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.admin = Admin.create(client);
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
