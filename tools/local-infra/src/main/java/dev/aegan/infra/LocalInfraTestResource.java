package dev.aegan.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/**
 * For {@code @QuarkusTestResource(LocalInfraTestResource.class)}: one real broker and one real
 * S3 server per test JVM, shared by every test class of the module whatever its test profile,
 * and stopped at JVM exit. Quarkus loads test resources anew (in a new class loader) for each
 * profile, so the first start's configuration is kept in JVM-wide system properties and handed
 * to every later start: a service restarted under another profile comes back to the same broker.
 *
 * <p>The app gets this JVM's {@link LocalApiTokens}, and RestAssured calls it with the trainer's
 * token by default; a test of authentication itself says {@code given().auth().none()} or
 * {@code given().auth().oauth2(apiTokens().reader())}.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {
    private static final String SHARED_PREFIX = "aegan.test.shared-infra.";
    private static LocalInfra infra;

    private static synchronized LocalInfra infra() {
        if (infra == null) {
            try {
                infra = LocalInfra.start(0, 0, Files.createTempDirectory("aegan-s3-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalInfra started = infra;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (Exception ignored) {
                    // the JVM is exiting; nothing is left to clean up
                }
            }));
        }
        return infra;
    }

    /**
     * The configuration of this JVM's shared servers ({@code kafka.bootstrap.servers}, {@code aegan.s3.*}),
     * whichever class loader asks; other test resources use it to reach the same servers.
     */
    public static Map<String, String> sharedConfig() {
        synchronized (System.getProperties()) {
            Map<String, String> config = new HashMap<>();
            System.getProperties().forEach((key, value) -> {
                if (key.toString().startsWith(SHARED_PREFIX)) {
                    config.put(key.toString().substring(SHARED_PREFIX.length()), value.toString());
                }
            });
            if (config.isEmpty()) {
                config.putAll(infra().serviceConfig());
                config.forEach((key, value) -> System.setProperty(SHARED_PREFIX + key, value));
            }
            return config;
        }
    }

    /** The tokens the app under test accepts. */
    public static LocalApiTokens apiTokens() {
        return LocalApiTokens.fromConfig(sharedConfig().get(LocalApiTokens.CONFIG_KEY));
    }

    /** Has RestAssured call the app under test with the trainer's token unless a test says otherwise. */
    static void callAsTrainer(LocalApiTokens tokens) {
        RestAssured.authentication = RestAssured.oauth2(tokens.trainer());
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = sharedConfig();
        callAsTrainer(apiTokens());
        // the broker runs inside the app's JVM: keep its routine INFO lines out of test output
        config.put("quarkus.log.category.\"kafka\".level", "WARN");
        config.put("quarkus.log.category.\"org.apache.kafka\".level", "WARN");
        return config;
    }

    @Override
    public void stop() {
        // shared across test classes and profiles; closed by the shutdown hook
    }
}
