package dev.aegan.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running as its own
 * JVM, its output appended to a log file.
 */
public final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Kubernetes' CrashLoopBackOff: 10 s after a crash, doubled for each further crash, at most 5 minutes... */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** ...and forgotten once the process has run this long. */
    static final Duration STABLE_RUN = Duration.ofMinutes(10);

    private final Service service;
    private final Path jar;
    private final int port;
    private final Map<String, String> config;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;
    /** Whether the process is meant to be down (stopped by {@link #stop}), so no crash to restart. */
    private boolean stopRequested;
    private Instant startedAt;
    /** Crashes since the process last ran for {@link #STABLE_RUN}. */
    private int consecutiveCrashes;
    private Instant restartAt;
    private int starts;

    ServiceProcess(Service service, Path jar, int port, Map<String, String> config, List<String> jvmOptions, Path log) {
        this.service = service;
        this.jar = jar;
        this.port = port;
        this.config = config;
        this.jvmOptions = jvmOptions;
        this.log = log;
    }

    public Service service() {
        return service;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    synchronized void start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: build the services first (mvn -DskipTests install)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dai.djl.offline=true");
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command);
            config.forEach((key, value) -> builder.environment().put(environmentVariable(key), value));
            process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            stopRequested = false;
            startedAt = Instant.now();
            starts++;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + service.module(), e);
        }
    }

    /**
     * The environment variable MicroProfile Config reads for {@code key} ({@code aegan.s3.secret-key}
     * is {@code AEGAN_S3_SECRET_KEY}): the infrastructure's settings, credentials among them, reach a
     * service through its environment, which other users of the machine cannot read, and not on its
     * command line, which {@code ps} shows them.
     */
    static String environmentVariable(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** Waits until the service answers its readiness check. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service.module() + " exited with code " + process.exitValue()
                        + " during start-up; see " + log);
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(service.module() + " not ready after " + timeout + "; see " + log);
    }

    /** SIGKILL: the process gets no chance to clean up, as in a node failure. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /**
     * Restarts the process when it has exited without being {@link #stop stopped}, as Kubernetes
     * restarts a crashed container: called on every tick of the stack's supervisor, it waits
     * {@link #FIRST_BACKOFF} after a crash, twice as long after each further crash (at most
     * {@link #MAX_BACKOFF}), and counts from the start again once the process ran {@link #STABLE_RUN}.
     *
     * @return what it did, for the launcher's log, or null when nothing happened
     */
    synchronized String restartIfCrashed(Instant now) {
        if (process == null || process.isAlive() || stopRequested) {
            return null;
        }
        if (restartAt == null) {
            if (Duration.between(startedAt, now).compareTo(STABLE_RUN) >= 0) {
                consecutiveCrashes = 0;
            }
            Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(consecutiveCrashes, 16));
            backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
            consecutiveCrashes++;
            restartAt = now.plus(backoff);
            return service.module() + " exited with code " + process.exitValue() + "; restarting in "
                    + backoff.toSeconds() + " s (crash " + consecutiveCrashes + " in a row; log " + log + ")";
        }
        if (now.isBefore(restartAt)) {
            return null;
        }
        restartAt = null;
        start();
        return service.module() + " restarted";
    }

    /** How often the process was started, restarts included. */
    synchronized int starts() {
        return starts;
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
    synchronized void stop(Duration grace) {
        stopRequested = true;
        restartAt = null;
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(grace)) {
                kill();
            }
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Resident memory of the process in MiB; -1 when it is not running. */
    public synchronized long residentMiB() {
        return process == null || !process.isAlive() ? -1 : ResidentMemory.mebibytes(process.pid());
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
