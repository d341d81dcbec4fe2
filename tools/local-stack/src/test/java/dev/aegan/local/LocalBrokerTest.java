package dev.aegan.local;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.infra.LocalInfra;
import dev.aegan.infra.TopicContents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker {@code ./run-local} starts when given no setting: it lets no client in without
 * credentials, and the kcat configuration it writes for the user's own clients gets in.
 */
class LocalBrokerTest {
    /** How long a refused client keeps trying before it gives up. */
    private static final int REFUSED_CLIENT_MS = 5000;

    @TempDir
    static Path workDir;
    private static LocalInfra infra;

    @BeforeAll
    static void startTheDefaultLocalBroker() {
        infra = LocalStack.startInfra(workDir, false, LocalRun.kafkaAuthentication(new Properties()));
    }

    @AfterAll
    static void stop() throws Exception {
        infra.close();
    }

    @Test
    void authenticationIsOnUnlessExplicitlyTurnedOff() {
        Properties off = new Properties();
        off.setProperty(LocalRun.KAFKA_AUTHENTICATION, "false");
        Properties misspelt = new Properties();
        misspelt.setProperty(LocalRun.KAFKA_AUTHENTICATION, "off");

        assertTrue(LocalRun.kafkaAuthentication(new Properties()));
        assertFalse(LocalRun.kafkaAuthentication(off));
        assertThrows(IllegalStateException.class, () -> LocalRun.kafkaAuthentication(misspelt));
    }

    @Test
    void anUnauthenticatedProducerIsRefused() {
        String forged = "forged-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                KafkaClientSettings.bootstrap(infra.bootstrapServers())
                        .forClient(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, REFUSED_CLIENT_MS)),
                new StringSerializer(), new StringSerializer())) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(Topics.INGEST_IMAGES, forged, "image")).get());
            // the SCRAM listener closes a connection that skips authentication: the client never learns the topic
            assertInstanceOf(TimeoutException.class, refused.getCause());
        }
        assertFalse(TopicContents.keys(infra.kafkaClientSettings(), Topics.INGEST_IMAGES).contains(forged));
    }

    @Test
    void kcatWithTheWrittenConfigurationProducesAsTheUser() throws Exception {
        Path config = workDir.resolve(LocalStack.KCAT_CONFIG);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
        Path image = Files.writeString(workDir.resolve("image.bin"), "not even an image");
        String key = "kcat-" + UUID.randomUUID();

        // as the README's commands run it (kcat comes with scripts/install-prerequisites.sh --with-clients)
        Process kcat = new ProcessBuilder(List.of("kcat", "-F", config.toString(), "-b", infra.bootstrapServers(),
                "-P", "-t", Topics.INGEST_IMAGES, "-k", key, "-H", "dataset=kcat-set", image.toString()))
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        assertTrue(kcat.waitFor(2, TimeUnit.MINUTES), "kcat still running");
        String output = new String(kcat.getInputStream().readAllBytes());
        assertEquals(0, kcat.exitValue(), output);

        assertTrue(TopicContents.keys(infra.kafkaClientSettings(), Topics.INGEST_IMAGES).contains(key));
    }
}
