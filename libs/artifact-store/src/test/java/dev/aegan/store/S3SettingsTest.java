package dev.aegan.store;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class S3SettingsTest {

    @Test
    void aServiceWithoutS3CredentialsRefusesToStartNamingTheMissingSettings() {
        var failure = assertThrows(RuntimeException.class, () -> settings(Map.of("aegan.s3.endpoint", "http://minio:9000")));
        String message = messages(failure);
        assertTrue(message.contains("aegan.s3.access-key"), message);
        assertTrue(message.contains("aegan.s3.secret-key"), message);
    }

    @Test
    void credentialsComeOnlyFromConfiguration() {
        S3Settings settings = settings(Map.of("aegan.s3.access-key", "team-a", "aegan.s3.secret-key", "s3cr3t-value"));
        assertEquals("team-a", settings.accessKey());
        assertEquals("s3cr3t-value", settings.secretKey());
        assertEquals("http://127.0.0.1:9000", settings.endpoint());
    }

    private static S3Settings settings(Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new MapBackedConfigSource("test", values) {
                })
                .withMapping(S3Settings.class)
                .build();
        return config.getConfigMapping(S3Settings.class);
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
