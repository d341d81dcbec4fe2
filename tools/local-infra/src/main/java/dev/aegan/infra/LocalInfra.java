package dev.aegan.infra;

import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.PlatformAccess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

/** The embedded broker and S3 server together, and the configuration services need to use them. */
public final class LocalInfra implements Infra {
    private final EmbeddedKafka kafka;
    private final boolean kafkaAuthentication;
    private final EmbeddedS3 s3;
    private final LocalApiTokens apiTokens = LocalApiTokens.generate();

    private LocalInfra(EmbeddedKafka kafka, boolean kafkaAuthentication, EmbeddedS3 s3) {
        this.kafka = kafka;
        this.kafkaAuthentication = kafkaAuthentication;
        this.s3 = s3;
    }

    /** With a broker that authenticates no one: for the tests of one service ({@link LocalInfraTestResource}). */
    public static LocalInfra start(int kafkaPort, int s3Port, Path s3DataDir) {
        return start(kafkaPort, s3Port, s3DataDir, false);
    }

    /**
     * @param kafkaAuthentication whether the broker requires SCRAM and enforces the platform's ACLs
     *                            ({@link EmbeddedKafka#startWithPlatformAccess}), each service connecting
     *                            as its own principal ({@link #serviceConfig(String)})
     */
    public static LocalInfra start(int kafkaPort, int s3Port, Path s3DataDir, boolean kafkaAuthentication) {
        EmbeddedKafka kafka = kafkaAuthentication ? EmbeddedKafka.startWithPlatformAccess(kafkaPort)
                : EmbeddedKafka.start(kafkaPort);
        try {
            if (kafkaAuthentication) {
                kafka.provisionTopics();
            }
            return new LocalInfra(kafka, kafkaAuthentication, EmbeddedS3.start(s3Port, s3DataDir));
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public KafkaClientSettings kafkaClientSettings() {
        return kafka.clientSettings();
    }

    @Override
    public String s3Endpoint() {
        return s3.endpoint();
    }

    @Override
    public LocalApiTokens apiTokens() {
        return apiTokens;
    }

    /**
     * Writes, readable by its owner only, what kcat connects with as a user's own client ({@code kcat -F
     * file}): on a broker that authenticates, platform principal {@code user} ({@link PlatformAccess#USER})
     * with its password.
     */
    public void writeKcatConfig(Path file) {
        String config = "# kcat -F " + file.getFileName() + " -b " + bootstrapServers() + " ...: Kafka as principal '"
                + PlatformAccess.USER.principal() + "' of this local stack, until it stops\n"
                + kafka.kcatConfig(PlatformAccess.USER.principal());
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, config);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** The Quarkus configuration that points a service at these servers, where the broker authenticates no one. */
    public Map<String, String> serviceConfig() {
        if (kafkaAuthentication) {
            throw new IllegalStateException("the broker authenticates its clients: name the service's principal");
        }
        return serviceConfig(null);
    }

    /**
     * The Quarkus configuration that points service {@code principal} at these servers (on a broker
     * that authenticates, with its own SCRAM credentials as {@code kafka.*} settings) and gives it
     * this stack's API tokens.
     */
    @Override
    public Map<String, String> serviceConfig(String principal) {
        Map<String, String> config = new HashMap<>();
        KafkaClientSettings client = kafkaAuthentication ? kafka.clientSettings(principal) : kafka.clientSettings();
        client.forClient(Map.of()).forEach((property, value) -> config.put("kafka." + property, String.valueOf(value)));
        config.put("aegan.s3.endpoint", s3Endpoint());
        config.put("aegan.s3.access-key", EmbeddedS3.ACCESS_KEY);
        config.put("aegan.s3.secret-key", EmbeddedS3.SECRET_KEY);
        config.put(LocalApiTokens.CONFIG_KEY, apiTokens.config());
        return Map.copyOf(config);
    }

    @Override
    public void close() throws Exception {
        try {
            s3.close();
        } finally {
            kafka.close();
        }
    }
}
