package dev.aegan.infra;

import dev.aegan.contracts.kafka.KafkaClientSettings;

import java.util.Map;

/** A Kafka broker and an S3 server for a local stack, and what services need to use them. */
public interface Infra extends AutoCloseable {
    String bootstrapServers();

    /** What a client of the launcher or a test connects with: on a broker that authenticates, the super user. */
    KafkaClientSettings kafkaClientSettings();

    String s3Endpoint();

    /** The API tokens every service of the stack accepts. */
    LocalApiTokens apiTokens();

    /**
     * The Quarkus configuration that points a service at these servers and gives it the stack's API
     * tokens; {@code principal} names the service where the broker authenticates each one.
     */
    Map<String, String> serviceConfig(String principal);
}
