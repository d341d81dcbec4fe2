package dev.aegan.topics.startup;

import dev.aegan.contracts.kafka.KafkaClientSettings;
import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The Kafka client settings of a service as Quarkus collects them at run time (its own
 * "default-kafka-broker" producer, which the channels read too), from the environment variables a
 * container or Kubernetes sets as much as from {@code kafka.*} properties.
 */
class KafkaClientSettingsProducerTest {
    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"metrics-service\" password=\"s3cret\";";

    private static Map<String, Object> clientConfig(SmallRyeConfig config) {
        ApplicationConfig application = new ApplicationConfig() {
            public Optional<String> name() { return Optional.of("metrics-service"); }
            public Optional<String> version() { return Optional.empty(); }
            public Optional<String> uiHeader() { return Optional.empty(); }
        };
        Map<String, Object> defaultKafkaBroker = new KafkaRuntimeConfigProducer().createKafkaRuntimeConfig(config, application);
        KafkaClientSettings settings = new KafkaClientSettingsProducer().kafkaClientSettings(defaultKafkaBroker);
        return settings.forClient(Map.of("client.id", "a-client"));
    }

    @Test
    void securitySettingsFromTheEnvironmentReachEveryClient() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("kafka.bootstrap.servers", "localhost:9092"),
                        "application.properties", 250))
                .withSources(new EnvConfigSource(Map.of(
                        "KAFKA_BOOTSTRAP_SERVERS", "kafka-0.kafka:9093",
                        "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                        "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                        "KAFKA_SASL_JAAS_CONFIG", JAAS,
                        "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12",
                        "KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12",
                        "HOSTNAME", "metrics-0"), 300))
                .build();

        Map<String, Object> client = clientConfig(config);

        assertEquals("kafka-0.kafka:9093", client.get("bootstrap.servers"), "the environment overrides application.properties");
        assertEquals("SASL_SSL", client.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", client.get("sasl.mechanism"));
        assertEquals(JAAS, client.get("sasl.jaas.config"));
        assertEquals("/etc/kafka/ca.p12", client.get("ssl.truststore.location"));
        assertEquals("PKCS12", client.get("ssl.truststore.type"));
        assertEquals("a-client", client.get("client.id"));
        assertFalse(client.containsKey("group.id"), "each consumer names its own group: " + client.keySet());
        assertFalse(client.containsKey("hostname"), client.keySet().toString());
    }

    @Test
    void securitySettingsAsPropertiesReachEveryClient() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of(
                        "kafka.bootstrap.servers", "broker:9093",
                        "kafka.security.protocol", "SSL",
                        "kafka.ssl.keystore.location", "/etc/kafka/metrics-service.p12",
                        "kafka.ssl.keystore.password", "changeit"), "application.properties", 250))
                .build();

        Map<String, Object> client = clientConfig(config);

        assertEquals("broker:9093", client.get("bootstrap.servers"));
        assertEquals("SSL", client.get("security.protocol"));
        assertEquals("/etc/kafka/metrics-service.p12", client.get("ssl.keystore.location"));
        assertEquals("changeit", client.get("ssl.keystore.password"));
    }
}
