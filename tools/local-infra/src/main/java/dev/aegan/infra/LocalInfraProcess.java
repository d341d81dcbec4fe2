package dev.aegan.infra;

import dev.aegan.contracts.kafka.KafkaClientSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The broker and the S3 server in a JVM of their own ({@link LocalInfraServer}), so a fault test can
 * freeze them (SIGSTOP) as a stalled network or a paused VM would, while the services keep running.
 * Settings travel back on the child's standard output, never on a command line.
 */
public final class LocalInfraProcess implements Infra {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final Map<String, String> config;
    private final LocalApiTokens tokens;

    private LocalInfraProcess(Process process, Map<String, String> config) {
        this.process = process;
        this.config = Map.copyOf(config);
        this.tokens = LocalApiTokens.fromConfig(config.get(LocalApiTokens.CONFIG_KEY));
    }

    /** Starts the servers on free ports, S3 data under {@code s3DataDir}, the child's log in {@code log}. */
    public static LocalInfraProcess start(Path s3DataDir, Path log) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-cp", System.getProperty("java.class.path"), LocalInfraServer.class.getName(),
                s3DataDir.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the infrastructure process", e);
        }
        Map<String, String> config = new LinkedHashMap<>();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        AtomicBoolean ready = new AtomicBoolean();
        Thread watchdog = new Thread(() -> {
            try {
                if (!process.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) && !ready.get()) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                // the start ended either way
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals(LocalInfraServer.READY)) {
                    ready.set(true);
                    return new LocalInfraProcess(process, config);
                }
                if (line.startsWith(LocalInfraServer.SETTING)) {
                    String setting = line.substring(LocalInfraServer.SETTING.length());
                    int equals = setting.indexOf('=');
                    config.put(setting.substring(0, equals), setting.substring(equals + 1));
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw new UncheckedIOException(e);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the infrastructure process ended before it was ready; see " + log);
    }

    public long pid() {
        return process.pid();
    }

    /** SIGSTOP: every connection stays open and nothing answers, until {@link #thaw()}. */
    public void freeze() {
        signal("-STOP");
    }

    public void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " " + pid() + " exited " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String bootstrapServers() {
        return config.get("kafka.bootstrap.servers");
    }

    @Override
    public KafkaClientSettings kafkaClientSettings() {
        return KafkaClientSettings.bootstrap(bootstrapServers());
    }

    @Override
    public String s3Endpoint() {
        return config.get("aegan.s3.endpoint");
    }

    @Override
    public LocalApiTokens apiTokens() {
        return tokens;
    }

    /** The same for every service: this broker authenticates no one. */
    @Override
    public Map<String, String> serviceConfig(String principal) {
        return config;
    }

    @Override
    public void close() throws Exception {
        thaw();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
