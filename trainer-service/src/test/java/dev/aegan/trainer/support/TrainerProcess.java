package dev.aegan.trainer.support;

import dev.aegan.infra.Await;
import dev.aegan.infra.FreePorts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This module's packaged app ({@code target/quarkus-app/quarkus-run.jar}, built by {@code mvn
 * package}) running as its own JVM: one more trainer replica. Settings reach it through its
 * environment, as in a container.
 */
public final class TrainerProcess implements AutoCloseable {
    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final Process process;
    private final URI url;
    private final Path log;

    private TrainerProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts a replica with {@code config} (Quarkus keys) and waits until it is ready. */
    public static TrainerProcess start(String name, Map<String, String> config) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " does not exist: run mvn package (or verify) first");
        }
        int port = FreePorts.find();
        Path log = Path.of("target", "replicas", name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dai.djl.pytorch.num_interop_threads=1", "-jar", JAR.toString()));
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        // what MicroProfile Config reads for a key: aegan.s3.secret-key is AEGAN_S3_SECRET_KEY
        config.forEach((key, value) -> builder.environment()
                .put(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT), value));
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TrainerProcess replica = new TrainerProcess(process, URI.create("http://127.0.0.1:" + port), log);
        replica.awaitReady();
        return replica;
    }

    public URI url() {
        return url;
    }

    /** The value of a counter on {@code /q/metrics}, 0 when it was never incremented. */
    public double counter(String prometheusName) throws IOException, InterruptedException {
        String metrics = HTTP.send(HttpRequest.newBuilder(url.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(prometheusName) + "(?:\\{[^}]*})? (\\S+)$")
                .matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private void awaitReady() {
        HttpRequest ready = HttpRequest.newBuilder(url.resolve("/q/health/ready")).build();
        Await.until(url + " ready (log " + log + ")", Duration.ofMinutes(3), () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the trainer exited with " + process.exitValue() + "; see " + log);
            }
            try {
                return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200 ? true : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    /** SIGTERM, and SIGKILL if it has not stopped within a minute. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
