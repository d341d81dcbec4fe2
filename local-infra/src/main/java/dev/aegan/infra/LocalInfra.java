package dev.aegan.infra;

import java.nio.file.Path;
import java.util.Map;

/** The embedded broker and S3 server together, and the configuration services need to use them. */
public final class LocalInfra implements Infra {
    private final EmbeddedKafka kafka;
    private final EmbeddedS3 s3;
    private final LocalApiTokens apiTokens = LocalApiTokens.generate();

    private LocalInfra(EmbeddedKafka kafka, EmbeddedS3 s3) {
        this.kafka = kafka;
        this.s3 = s3;
    }

    public static LocalInfra start(int kafkaPort, int s3Port, Path s3DataDir) {
        EmbeddedKafka kafka = EmbeddedKafka.start(kafkaPort);
        try {
            return new LocalInfra(kafka, EmbeddedS3.start(s3Port, s3DataDir));
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
    public String s3Endpoint() {
        return s3.endpoint();
    }

    @Override
    public LocalApiTokens apiTokens() {
        return apiTokens;
    }

    @Override
    public Map<String, String> serviceConfig() {
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers(),
                "aegan.s3.endpoint", s3Endpoint(),
                "aegan.s3.access-key", EmbeddedS3.ACCESS_KEY,
                "aegan.s3.secret-key", EmbeddedS3.SECRET_KEY,
                LocalApiTokens.CONFIG_KEY, apiTokens.config());
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
