package dev.aegan.topics.startup;

import dev.aegan.contracts.kafka.KafkaClientSettings;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * The service's {@code kafka.*} configuration as {@link KafkaClientSettings}, for every Kafka client
 * a service builds itself. Quarkus collects it into the "default-kafka-broker" map, which the
 * reactive messaging channels read too: from {@code kafka.sasl.mechanism} in a properties file as
 * from {@code KAFKA_SASL_MECHANISM} in the environment (underscores become dots).
 */
@Singleton
public class KafkaClientSettingsProducer {

    @Produces
    @Singleton
    KafkaClientSettings kafkaClientSettings(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
        return KafkaClientSettings.of(kafka);
    }
}
