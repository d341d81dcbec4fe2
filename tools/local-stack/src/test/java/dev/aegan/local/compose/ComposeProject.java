package dev.aegan.local.compose;

import dev.aegan.infra.Await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One {@code docker-compose} project (its own name, so its containers, network and volumes are its own). */
public final class ComposeProject {
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(8);

    private final Path repository;
    private final String name;
    private final List<String> files;
    private final Map<String, String> environment;
    private final Podman podman;

    public ComposeProject(Path repository, String name, List<String> files, Map<String, String> variables, Podman podman) {
        this.repository = repository;
        this.name = name;
        this.files = files;
        this.podman = podman;
        this.environment = new HashMap<>(variables);
        this.environment.putAll(podman.clientEnvironment());
    }

    public String name() {
        return name;
    }

    public String compose(String... arguments) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--no-ansi", "-p", name));
        files.forEach(file -> command.addAll(List.of("-f", file)));
        command.addAll(List.of(arguments));
        return Command.run(repository, environment, COMMAND_TIMEOUT, command);
    }

    /** The container compose v1 names {@code <project>_<service>_1}. */
    public String container(String service) {
        return name + "_" + service + "_1";
    }

    public String health(String service) {
        return podman.run(Duration.ofSeconds(30), "inspect", "--format", "{{.State.Health.Status}}", container(service)).trim();
    }

    public void awaitHealthy(Duration timeout, List<String> services) {
        for (String service : services) {
            Await.until(service + " healthy", timeout, () -> "healthy".equals(health(service)) ? service : null);
        }
    }

    /** Resident memory of each running container of the project, as podman reports it. */
    public Map<String, String> memoryUsage() {
        Map<String, String> usage = new LinkedHashMap<>();
        podman.run(Duration.ofSeconds(60), "stats", "--no-stream", "--format", "{{.Name}}\t{{.MemUsage}}")
                .lines().filter(line -> line.startsWith(name + "_"))
                .forEach(line -> usage.put(line.substring(0, line.indexOf('\t')), line.substring(line.indexOf('\t') + 1)));
        return usage;
    }
}
