package dev.aegan.local;

import dev.aegan.infra.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ServiceProcessTest {

    @TempDir
    Path directory;

    @Test
    void aServiceWithANicenessRunsUnderNiceAndOneWithoutRunsJavaItself() {
        Path jar = directory.resolve("service.jar");
        Path log = directory.resolve("service.log");
        List<String> judge = new ServiceLaunch(Service.METRICS, jar, 1, Map.of(), List.of(), log, 10).command();
        List<String> trainer = new ServiceLaunch(Service.TRAINER, jar, 1, Map.of(), List.of(), log, 0).command();
        assertEquals(List.of("nice", "-n", "10"), judge.subList(0, 3));
        assertEquals(trainer, judge.subList(3, judge.size()));
        assertTrue(trainer.get(0).endsWith("/bin/java"), trainer.get(0));
    }

    @Test
    void infrastructureSettingsTravelAsTheEnvironmentVariablesQuarkusReads() {
        assertEquals("AEGAN_S3_SECRET_KEY", ServiceLaunch.environmentVariable("aegan.s3.secret-key"));
        assertEquals("KAFKA_BOOTSTRAP_SERVERS", ServiceLaunch.environmentVariable("kafka.bootstrap.servers"));
    }

    @Test
    void aCrashedServiceIsRestartedAfterABackOffThatDoublesWithEachCrashInARow() throws IOException {
        ServiceProcess crashing = startedCrashingProcess(Service.GALLERY);
        Instant firstCrash = awaitExit(crashing);

        assertEquals("gallery-service exited with code 1; restarting in 10 s (crash 1 in a row; log "
                + directory.resolve("gallery-service.log") + ")", crashing.restartIfCrashed(firstCrash));
        assertNull(crashing.restartIfCrashed(firstCrash.plusSeconds(9)), "still backing off");
        assertEquals("gallery-service restarted", crashing.restartIfCrashed(firstCrash.plusSeconds(10)));
        assertEquals(2, crashing.starts());

        Instant secondCrash = awaitExit(crashing);
        assertTrue(crashing.restartIfCrashed(secondCrash).contains("restarting in 20 s (crash 2 in a row"));
        assertNull(crashing.restartIfCrashed(secondCrash.plusSeconds(19)));
        crashing.restartIfCrashed(secondCrash.plusSeconds(20));

        Instant afterAStableRun = awaitExit(crashing).plus(ServiceProcess.STABLE_RUN);
        assertTrue(crashing.restartIfCrashed(afterAStableRun).contains("restarting in 10 s (crash 1 in a row"),
                "a process that ran for a while starts its back-off again");
    }

    @Test
    void aStoppedServiceStaysDown() throws IOException {
        ServiceProcess stopped = startedCrashingProcess(Service.INGEST);
        Instant exited = awaitExit(stopped);
        stopped.stop(Duration.ofSeconds(1));

        assertNull(stopped.restartIfCrashed(exited.plus(ServiceProcess.MAX_BACKOFF)));
        assertEquals(1, stopped.starts());
    }

    private static Instant awaitExit(ServiceProcess process) {
        Await.until("the process to exit", Duration.ofSeconds(30), () -> process.isAlive() ? null : Boolean.TRUE);
        return Instant.now();
    }

    /** {@code service} as a process that exits at once with code 1, as a crashing service would. */
    private ServiceProcess startedCrashingProcess(Service service) throws IOException {
        ServiceProcess process = new ServiceProcess(new ServiceLaunch(service, jarWithoutItsMainClass(), 1, Map.of(), List.of(),
                directory.resolve(service.module() + ".log"), 0));
        process.start();
        return process;
    }

    /** A jar whose manifest names a class it does not hold: {@code java -jar} exits at once with code 1. */
    private Path jarWithoutItsMainClass() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.aegan.Missing");
        Path jar = directory.resolve("crashing.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            return jar;
        }
    }
}
