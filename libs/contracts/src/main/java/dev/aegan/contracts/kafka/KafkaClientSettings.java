package dev.aegan.contracts.kafka;

import org.apache.kafka.clients.CommonClientConfigs;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * What every Kafka client of a service connects with: the bootstrap servers and whatever standard
 * client settings the deployment adds ({@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config}, {@code ssl.*}, ...), configured once as {@code kafka.<property>}. The
 * reactive messaging channels read the same {@code kafka.*} settings; the clients a service builds
 * itself take them from here and add only their own properties, so no client can miss a
 * security setting.
 */
public final class KafkaClientSettings {
    private final Map<String, Object> shared;

    private KafkaClientSettings(Map<String, ?> settings) {
        Map<String, Object> copy = new HashMap<>(settings);
        // a consumer group is a client's own choice (Quarkus puts the application name here for channels)
        copy.remove(CommonClientConfigs.GROUP_ID_CONFIG);
        if (copy.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("Kafka client settings without " + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG
                    + " (kafka.bootstrap.servers)");
        }
        this.shared = Map.copyOf(copy);
    }

    /** From a service's {@code kafka.*} configuration without the prefix (Quarkus' "default-kafka-broker" map). */
    public static KafkaClientSettings of(Map<String, ?> settings) {
        return new KafkaClientSettings(settings);
    }

    /** A broker that asks for no authentication. */
    public static KafkaClientSettings bootstrap(String servers) {
        return new KafkaClientSettings(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, servers));
    }

    /** These settings with {@code more} added or replaced. */
    public KafkaClientSettings with(Map<String, ?> more) {
        Map<String, Object> all = new HashMap<>(shared);
        all.putAll(more);
        return new KafkaClientSettings(all);
    }

    /** The configuration of one client: these settings and, on top, the client's own properties. */
    public Map<String, Object> forClient(Map<String, ?> clientProperties) {
        Map<String, Object> config = new HashMap<>(shared);
        config.putAll(clientProperties);
        return config;
    }

    public String bootstrapServers() {
        return String.valueOf(shared.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** Names the settings but shows no value but the servers: {@code sasl.jaas.config} holds a password. */
    @Override
    public String toString() {
        return "Kafka client settings for " + bootstrapServers() + " " + new TreeSet<>(shared.keySet());
    }
}
