package dev.aegan.local;

import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.infra.FreePorts;
import dev.aegan.infra.LocalApiTokens;
import dev.aegan.infra.Infra;
import dev.aegan.infra.LocalInfra;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole system on one machine: an embedded Kafka broker and S3 server in this JVM, and each
 * service as its own process, as on a cluster, restarted with a growing back-off when it exits by
 * itself ({@link ServiceProcess#restartIfCrashed}). Used by the local run and by the system tests.
 */
public final class LocalStack implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /** The file in the work folder that a user's kcat connects with ({@code kcat -F}): {@link LocalInfra#writeKcatConfig}. */
    public static final String KCAT_CONFIG = "kcat.conf";

    private final Infra infra;
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "local-stack-supervisor");
        thread.setDaemon(true);
        return thread;
    });

    private LocalStack(Infra infra) {
        this.infra = infra;
    }

    /**
     * Starts the infrastructure and every service.
     *
     * @param repository          the checkout holding the built services ({@code <module>/target/quarkus-app})
     * @param workDir             where S3 data, service logs and the {@link #KCAT_CONFIG} go
     * @param fixedPorts          use each service's default port (local run) rather than free ones (tests)
     * @param kafkaAuthentication a broker that requires SCRAM and enforces the platform's ACLs, each
     *                            service connecting as its own principal; false: one that lets anyone in
     */
    public static LocalStack start(Path repository, Path workDir, boolean fixedPorts, boolean kafkaAuthentication) {
        return start(repository, workDir, startInfra(workDir, fixedPorts, kafkaAuthentication), fixedPorts, List.of());
    }

    /** The broker and S3 server of {@link #start(Path, Path, boolean, boolean)}, and its {@link #KCAT_CONFIG} written. */
    public static LocalInfra startInfra(Path workDir, boolean fixedPorts, boolean kafkaAuthentication) {
        LocalInfra infra = LocalInfra.start(fixedPorts ? 9092 : 0, fixedPorts ? 9000 : 0, workDir.resolve("s3"),
                kafkaAuthentication);
        try {
            infra.writeKcatConfig(workDir.resolve(KCAT_CONFIG));
            return infra;
        } catch (RuntimeException e) {
            try {
                infra.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Starts every service against {@code infra}, which the stack then owns and closes.
     *
     * @param extraJvmOptions given to every service after the stack's own (e.g. shorter Kafka
     *                        session timeouts for a fault test)
     */
    public static LocalStack start(Path repository, Path workDir, Infra infra, boolean fixedPorts,
                                   List<String> extraJvmOptions) {
        return start(repository, workDir, infra, fixedPorts, extraJvmOptions, EnumSet.allOf(Service.class));
    }

    /**
     * Starts only {@code started} against {@code infra} (a benchmark that times one service keeps the
     * others off its cores); otherwise as {@link #start(Path, Path, Infra, boolean, List)}.
     */
    public static LocalStack start(Path repository, Path workDir, Infra infra, boolean fixedPorts,
                                   List<String> extraJvmOptions, Set<Service> started) {
        LocalStack stack = new LocalStack(infra);
        CoreShare cores = CoreShare.of(System.getProperties(), Runtime.getRuntime().availableProcessors());
        try {
            for (Service service : started) {
                Path jar = repository.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
                int port = fixedPorts ? service.defaultPort() : FreePorts.find();
                Map<String, String> config = new HashMap<>(kafkaSettings(System.getProperties()));
                config.putAll(infra.serviceConfig(service.module()));
                List<String> options = new ArrayList<>(memoryOptions(service));
                options.addAll(cores.jvmOptions(service));
                options.addAll(passedOn(System.getProperties()));
                options.addAll(extraJvmOptions);
                stack.services.put(service, new ServiceProcess(new ServiceLaunch(service, jar, port, config,
                        options, workDir.resolve("logs").resolve(service.module() + ".log"), cores.niceness(service))));
            }
            stack.services.values().forEach(ServiceProcess::start);
            stack.services.values().forEach(process -> process.awaitReady(START_TIMEOUT));
            stack.supervisor.scheduleWithFixedDelay(stack::restartCrashedServices, 1, 1, TimeUnit.SECONDS);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private static List<String> memoryOptions(Service service) {
        List<String> options = new ArrayList<>();
        options.add(service == Service.TRAINER ? "-Xmx1g" : "-Xmx512m");
        options.add("-XX:+UseSerialGC");
        // as in the images: a JVM out of memory exits, and is restarted, rather than limping on
        options.add("-XX:+ExitOnOutOfMemoryError");
        return options;
    }

    /**
     * The launcher's own {@code -Daegan.<service>.*} and {@code -Dai.djl.pytorch.*} settings, given
     * to every service process (each reads only its own), so {@code ./run-local
     * -Daegan.trainer.concurrency=2} configures the trainer it starts; they come after the {@link
     * CoreShare}'s, so a thread count given here wins.
     */
    static List<String> passedOn(Properties launcher) {
        List<String> options = new ArrayList<>();
        for (String name : launcher.stringPropertyNames()) {
            boolean serviceSetting = name.startsWith("aegan.") && !name.startsWith("aegan.local.")
                    && !name.startsWith("aegan.test.");
            if (serviceSetting || name.startsWith("ai.djl.pytorch.")) {
                options.add("-D" + name + "=" + launcher.getProperty(name));
            }
        }
        options.sort(null);
        return options;
    }

    /**
     * The launcher's own {@code -Dkafka.*} settings (Kafka client settings such as {@code
     * kafka.client.rack}), given to every service; as its environment, with the infrastructure's
     * settings, so that a secret among them does not show on a command line.
     */
    static Map<String, String> kafkaSettings(Properties launcher) {
        Map<String, String> settings = new HashMap<>();
        for (String name : launcher.stringPropertyNames()) {
            if (name.startsWith("kafka.")) {
                settings.put(name, launcher.getProperty(name));
            }
        }
        return settings;
    }

    /** What the launcher's own Kafka clients connect with (the super user, where the broker authenticates). */
    public KafkaClientSettings kafkaClientSettings() {
        return infra.kafkaClientSettings();
    }

    public String bootstrapServers() {
        return infra.bootstrapServers();
    }

    public String s3Endpoint() {
        return infra.s3Endpoint();
    }

    /** The API tokens every service of this stack accepts. */
    public LocalApiTokens apiTokens() {
        return infra.apiTokens();
    }

    public String url(Service service) {
        return process(service).url();
    }

    public ServiceProcess process(Service service) {
        ServiceProcess process = services.get(service);
        if (process == null) {
            throw new IllegalArgumentException(service.module() + " was not started in this stack");
        }
        return process;
    }

    /** Starts a killed or stopped service again with the same port and configuration. */
    public void restart(Service service) {
        ServiceProcess process = services.get(service);
        process.stop(STOP_GRACE);
        process.start();
        process.awaitReady(START_TIMEOUT);
    }

    /** Resident memory per process in MiB, this JVM (broker + S3 server) first. */
    public Map<String, Long> residentMiB() {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("kafka+s3 (launcher JVM)", ResidentMemory.mebibytes(ProcessHandle.current().pid()));
        services.forEach((service, process) -> rss.put(service.module(), process.residentMiB()));
        return rss;
    }

    private void restartCrashedServices() {
        for (ServiceProcess process : services.values()) {
            try {
                String done = process.restartIfCrashed(Instant.now());
                if (done != null) {
                    System.out.println("[local] " + done);
                }
            } catch (RuntimeException e) {
                System.err.println("[local] restarting " + process.service().module() + " failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        supervisor.shutdownNow();
        services.values().parallelStream().forEach(process -> process.stop(STOP_GRACE));
        try {
            infra.close();
        } catch (Exception e) {
            System.err.println("[local] stopping Kafka/S3 failed: " + e.getMessage());
        }
    }
}
