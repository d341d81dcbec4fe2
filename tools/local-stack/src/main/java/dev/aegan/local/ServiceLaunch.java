package dev.aegan.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) is started: its
 * own JVM with these options, on this HTTP port, with this configuration, its output appended to
 * {@code log}, at CPU priority {@code niceness} (0: as the launcher; higher: yields the cores to others).
 */
record ServiceLaunch(Service service, Path jar, int port, Map<String, String> config, List<String> jvmOptions,
                     Path log, int niceness) {

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Process start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the services first (mvn -DskipTests install)");
        }
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command());
            config.forEach((key, value) -> builder.environment().put(environmentVariable(key), value));
            return builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + service.module(), e);
        }
    }

    /** The command line that starts the service (its settings go in the environment). */
    List<String> command() {
        List<String> command = new ArrayList<>();
        if (niceness > 0) {
            command.addAll(List.of("nice", "-n", String.valueOf(niceness)));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /**
     * The environment variable MicroProfile Config reads for {@code key} ({@code aegan.s3.secret-key}
     * is {@code AEGAN_S3_SECRET_KEY}): the infrastructure's settings, credentials among them, reach a
     * service through its environment, which other users of the machine cannot read, and not on its
     * command line, which {@code ps} shows them.
     */
    static String environmentVariable(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
