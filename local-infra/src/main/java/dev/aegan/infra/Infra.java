package dev.aegan.infra;

import java.util.Map;

/** A Kafka broker and an S3 server for a local stack, and what services need to use them. */
public interface Infra extends AutoCloseable {
    String bootstrapServers();

    String s3Endpoint();

    /** The API tokens every service of the stack accepts. */
    LocalApiTokens apiTokens();

    /** The Quarkus configuration that points a service at these servers and gives it the stack's API tokens. */
    Map<String, String> serviceConfig();
}
