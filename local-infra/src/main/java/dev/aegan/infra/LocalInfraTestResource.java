package dev.aegan.infra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * For {@code @QuarkusTestResource(LocalInfraTestResource.class)}: one real broker and one real
 * S3 server per test JVM, shared by every test class of the module and stopped at JVM exit.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {
    private static LocalInfra infra;

    /** The servers of this test JVM, started on first use. */
    public static synchronized LocalInfra infra() {
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

    @Override
    public Map<String, String> start() {
        return infra().serviceConfig();
    }

    @Override
    public void stop() {
        // shared across test classes; closed by the shutdown hook
    }
}
