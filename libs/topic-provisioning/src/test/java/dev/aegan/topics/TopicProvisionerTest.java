package dev.aegan.topics;

import dev.aegan.contracts.TopicDefinition;
import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against a real, empty KRaft broker: what each mode does to the platform's topics. */
class TopicProvisionerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String WEEK_MS = "604800000";

    private final List<EmbeddedKafkaBroker> brokers = new ArrayList<>();

    @AfterEach
    void stopBrokers() {
        brokers.forEach(EmbeddedKafkaBroker::close);
    }

    @Test
    void createModeCreatesEveryPlatformTopicAsDefinedAndASecondPassChangesNothing() throws Exception {
        String servers = startBroker(freePort());
        TopicProvisioner provisioner = new TopicProvisioner(KafkaClientSettings.bootstrap(servers), TIMEOUT);

        ProvisioningReport first = provisioner.provision(TopicDefinitions.ALL, ProvisioningMode.CREATE);
        assertEquals(Set.copyOf(Topics.ALL), Set.copyOf(first.created()));
        try (Admin admin = admin(servers)) {
            Map<String, TopicDescription> described = admin.describeTopics(Topics.ALL).allTopicNames().get();
            Map<String, Config> configs = configs(admin, Topics.ALL);
            for (TopicDefinition topic : TopicDefinitions.ALL) {
                assertEquals(topic.partitions(), described.get(topic.name()).partitions().size(), topic.name());
                Config config = configs.get(topic.name());
                topic.configs().forEach((key, value) -> assertEquals(value, config.get(key).value(), topic.name() + " " + key));
            }
            assertEquals(8, described.get(Topics.RUN_REQUESTS).partitions().size());
            assertEquals("-1", configs.get(Topics.CHECKPOINTS).get(TopicConfig.RETENTION_MS_CONFIG).value());
            assertEquals("delete", configs.get(Topics.CHECKPOINTS).get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
            assertEquals("16777216", configs.get(Topics.DATASET_BATCHES).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value());
            assertEquals(WEEK_MS, configs.get(Topics.INGEST_IMAGES).get(TopicConfig.RETENTION_MS_CONFIG).value());
        }

        ProvisioningReport second = provisioner.provision(TopicDefinitions.ALL, ProvisioningMode.CREATE);
        assertTrue(second.changedNothing(), second.toString());
        assertEquals(List.of(), second.warnings());
    }

    @Test
    void createModeAlignsTheConfigsOfTopicsMadeWithBrokerDefaultsButKeepsTheirPartitions() throws Exception {
        String servers = startBroker(freePort());
        try (Admin admin = admin(servers)) {
            admin.createTopics(List.of(
                    new NewTopic(Topics.RUN_EVENTS, 1, (short) 1).configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, WEEK_MS)),
                    new NewTopic(Topics.RUN_REQUESTS, 2, (short) 1))).all().get();
            awaitListed(admin, Topics.RUN_EVENTS, Topics.RUN_REQUESTS);
        }

        ProvisioningReport report = new TopicProvisioner(KafkaClientSettings.bootstrap(servers), TIMEOUT)
                .provision(TopicDefinitions.ALL, ProvisioningMode.CREATE);

        assertTrue(report.aligned().contains(new ConfigChange(Topics.RUN_EVENTS, TopicConfig.RETENTION_MS_CONFIG, WEEK_MS, "-1")),
                report.toString());
        assertTrue(report.warnings().stream().anyMatch(w -> w.contains(Topics.RUN_REQUESTS) && w.contains("2 partitions")),
                report.warnings().toString());
        try (Admin admin = admin(servers)) {
            assertEquals("-1", configs(admin, List.of(Topics.RUN_EVENTS)).get(Topics.RUN_EVENTS)
                    .get(TopicConfig.RETENTION_MS_CONFIG).value());
            assertEquals(2, admin.describeTopics(List.of(Topics.RUN_REQUESTS)).allTopicNames().get()
                    .get(Topics.RUN_REQUESTS).partitions().size());
        }
        assertTrue(new TopicProvisioner(KafkaClientSettings.bootstrap(servers), TIMEOUT)
                .provision(TopicDefinitions.ALL, ProvisioningMode.CREATE).changedNothing());
    }

    @Test
    void verifyModeNamesEveryMissingTopicAndDifferingSettingAndChangesNothing() throws Exception {
        String servers = startBroker(freePort());
        TopicProvisioner provisioner = new TopicProvisioner(KafkaClientSettings.bootstrap(servers), TIMEOUT);
        provisioner.provision(TopicDefinitions.ALL.stream().filter(t -> !t.name().equals(Topics.CHECKPOINTS)
                && !t.name().equals(Topics.EVALUATIONS)).toList(), ProvisioningMode.CREATE);
        try (Admin admin = admin(servers)) {
            admin.createTopics(List.of(new NewTopic(Topics.EVALUATIONS, 1, (short) 1)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, WEEK_MS)))).all().get();
            awaitListed(admin, Topics.EVALUATIONS);
        }

        TopicProvisioningException refused = assertThrows(TopicProvisioningException.class,
                () -> provisioner.provision(TopicDefinitions.ALL, ProvisioningMode.VERIFY));

        assertEquals(List.of("topic " + Topics.CHECKPOINTS + " is missing",
                "topic " + Topics.EVALUATIONS + ": retention.ms is " + WEEK_MS + ", defined as -1"), refused.problems());
        assertTrue(refused.getMessage().contains("topic checkpoints is missing"), refused.getMessage());
        assertTrue(refused.getMessage().contains(servers), refused.getMessage());
        try (Admin admin = admin(servers)) {
            assertFalse(admin.listTopics().names().get().contains(Topics.CHECKPOINTS), "verify created a topic");
            assertEquals(WEEK_MS, configs(admin, List.of(Topics.EVALUATIONS)).get(Topics.EVALUATIONS)
                    .get(TopicConfig.RETENTION_MS_CONFIG).value(), "verify changed a config");
        }

        provisioner.provision(TopicDefinitions.ALL, ProvisioningMode.CREATE);
        assertTrue(provisioner.provision(TopicDefinitions.ALL, ProvisioningMode.VERIFY).changedNothing());
    }

    @Test
    void waitsForABrokerThatIsStillStarting() throws Exception {
        int port = freePort();
        CompletableFuture<ProvisioningReport> provisioning = CompletableFuture.supplyAsync(() ->
                new TopicProvisioner(KafkaClientSettings.bootstrap("127.0.0.1:" + port), TIMEOUT)
                        .provision(TopicDefinitions.ALL, ProvisioningMode.CREATE));
        Thread.sleep(2000);
        assertFalse(provisioning.isDone(), "provisioning finished without a broker: " + provisioning);

        startBroker(port);

        assertEquals(Set.copyOf(Topics.ALL), Set.copyOf(provisioning.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).created()));
    }

    @Test
    void failsNamingTheAddressWhenNoBrokerAnswersInTime() {
        String nowhere = "127.0.0.1:" + freePort();
        TopicProvisioningException e = assertThrows(TopicProvisioningException.class,
                () -> new TopicProvisioner(KafkaClientSettings.bootstrap(nowhere), Duration.ofSeconds(2))
                        .provision(TopicDefinitions.ALL, ProvisioningMode.CREATE));
        assertTrue(e.getMessage().contains(nowhere) && e.getMessage().contains("PT2S"), e.getMessage());
    }

    @Test
    void offModeDoesNotEvenLookForABroker() {
        String nowhere = "127.0.0.1:" + freePort();
        assertTrue(new TopicProvisioner(KafkaClientSettings.bootstrap(nowhere), Duration.ofSeconds(1))
                .provision(TopicDefinitions.ALL, ProvisioningMode.OFF).changedNothing());
    }

    private String startBroker(int port) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaPort(port)
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> props.put("auto.create.topics.enable", "false"))
                .start();
        brokers.add(broker);
        return broker.getAdvertisedListeners().replaceAll("^[A-Z_]+://", "");
    }

    /** A creation is acknowledged by the controller before the broker's metadata lists the topic. */
    private static void awaitListed(Admin admin, String... topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!admin.listTopics().names().get().containsAll(List.of(topics))) {
            assertTrue(System.nanoTime() < deadline, "topics not listed within 10 s: " + List.of(topics));
            Thread.sleep(50);
        }
    }

    private static Admin admin(String servers) {
        return Admin.create(Map.of("bootstrap.servers", servers));
    }

    private static Map<String, Config> configs(Admin admin, List<String> topics) throws Exception {
        List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> described = admin.describeConfigs(resources).all().get();
        return topics.stream().collect(Collectors.toMap(t -> t,
                t -> described.get(new ConfigResource(ConfigResource.Type.TOPIC, t))));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
