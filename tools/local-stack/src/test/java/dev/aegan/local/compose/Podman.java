package dev.aegan.local.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * podman as this machine kind runs it: settings from the project's {@code containers/podman/containers.conf}
 * (runc, no default ulimits), and its Docker-compatible API on a socket of this test's own, which
 * {@code docker-compose} drives. There is no systemd here, which is what podman uses to run health
 * checks on a schedule: {@link #runHealthChecks} runs them on that schedule instead, with podman's
 * own {@code podman healthcheck run}, so compose sees the same states it would see elsewhere.
 */
public final class Podman implements AutoCloseable {
    private final Path repository;
    private final Map<String, String> environment;
    private final Path socket;
    private final Process apiService;
    private final ScheduledExecutorService healthChecks = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "podman-health-checks");
        thread.setDaemon(true);
        return thread;
    });

    private Podman(Path repository, Map<String, String> environment, Path socket, Process apiService) {
        this.repository = repository;
        this.environment = environment;
        this.socket = socket;
        this.apiService = apiService;
    }

    public static Podman start(Path repository) {
        Map<String, String> environment = Map.of(
                "CONTAINERS_CONF", repository.resolve("containers/podman/containers.conf").toString());
        try {
            Path socket = Files.createTempDirectory("aegan-podman-").resolve("podman.sock");
            ProcessBuilder builder = new ProcessBuilder("podman", "system", "service", "-t", "0", "unix://" + socket)
                    .redirectErrorStream(true)
                    .redirectOutput(socket.resolveSibling("service.log").toFile());
            builder.environment().putAll(environment);
            Process service = builder.start();
            Podman podman = new Podman(repository, environment, socket, service);
            dev.aegan.infra.Await.until("podman's API socket " + socket, Duration.ofSeconds(30),
                    () -> Files.exists(socket) ? socket : null);
            return podman;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start podman's API service", e);
        }
    }

    /** What a client of the Docker API needs: {@code DOCKER_HOST} and podman's own settings. */
    public Map<String, String> clientEnvironment() {
        return Map.of("DOCKER_HOST", "unix://" + socket, "CONTAINERS_CONF", environment.get("CONTAINERS_CONF"));
    }

    public String run(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(arguments));
        return Command.run(repository, environment, timeout, command);
    }

    /** Runs the health checks of every running container whose name starts with {@code prefix}, every few seconds. */
    public void runHealthChecks(String prefix) {
        healthChecks.scheduleWithFixedDelay(() -> {
            try {
                for (String name : run(Duration.ofSeconds(30), "ps", "--format", "{{.Names}}").lines().toList()) {
                    if (name.startsWith(prefix)) {
                        try {
                            run(Duration.ofSeconds(30), "healthcheck", "run", name);
                        } catch (IllegalStateException unhealthyOrWithoutCheck) {
                            // the state is recorded on the container; compose reads it from there
                        }
                    }
                }
            } catch (RuntimeException e) {
                System.err.println("[podman] health checks: " + e.getMessage());
            }
        }, 0, 3, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        healthChecks.shutdownNow();
        apiService.destroy();
        try {
            apiService.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
