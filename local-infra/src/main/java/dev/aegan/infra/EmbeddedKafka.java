package dev.aegan.infra;

import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.topics.ProvisioningMode;
import dev.aegan.topics.TopicProvisioner;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.time.Duration;
import java.util.Map;

/**
 * A real single-node KRaft Kafka broker in this JVM, with every platform topic created as
 * {@link TopicDefinitions} defines it, by the provisioner the services use. Settings a one-node
 * cluster needs (replication factor 1 for internal topics, transactions) are applied here so
 * clients behave as against a production cluster.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Duration PROVISIONING_TIMEOUT = Duration.ofSeconds(30);

    private final EmbeddedKafkaBroker broker;

    private EmbeddedKafka(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** Starts a broker on {@code port} (0 = any free port) and creates the platform topics. */
    public static EmbeddedKafka start(int port) {
        EmbeddedKafka kafka = startWithoutTopics(port, Map.of());
        try {
            new TopicProvisioner(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    PROVISIONING_TIMEOUT).provision(TopicDefinitions.ALL, ProvisioningMode.CREATE);
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /**
     * Starts a broker with no topics at all, as a new cluster is before any service started, with
     * {@code brokerSettings} on top of this class's (auto-creation is off unless they turn it on).
     */
    public static EmbeddedKafka startWithoutTopics(int port, Map<String, String> brokerSettings) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaPort(port == 0 ? FreePorts.find() : port)
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    props.put("offsets.topic.replication.factor", "1");
                    props.put("transaction.state.log.replication.factor", "1");
                    props.put("transaction.state.log.min.isr", "1");
                    props.put("group.initial.rebalance.delay.ms", "0");
                    props.put("auto.create.topics.enable", "false");
                    props.putAll(brokerSettings);
                })
                .start();
        return new EmbeddedKafka(broker);
    }

    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replaceAll("^[A-Z_]+://", "");
    }

    @Override
    public void close() {
        broker.close();
    }
}
