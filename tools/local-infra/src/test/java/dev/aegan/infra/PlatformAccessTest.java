package dev.aegan.infra;

import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.PlatformAccess;
import dev.aegan.contracts.kafka.PrincipalAccess;
import dev.aegan.topics.ProvisioningMode;
import dev.aegan.topics.TopicProvisioner;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The platform's ACLs ({@link PlatformAccess}) on a broker that requires SCRAM and authorizes every
 * request: each principal can do with real clients what its definition says, nobody gets in
 * without credentials, and nobody but the judges can put an evaluation on {@code evaluations}.
 */
class PlatformAccessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long a client that is refused keeps trying before it gives up. */
    private static final int REFUSED_CLIENT_MS = 5000;
    private static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.startWithPlatformAccess(0);
        // the first service to start creates every topic, as its ACLs allow; every later one checks them
        new TopicProvisioner(kafka.clientSettings(PlatformAccess.GALLERY.principal()), TIMEOUT)
                .provision(TopicDefinitions.ALL, ProvisioningMode.CREATE);
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    @Test
    void everyServiceProvisionsTopicsInEitherModeUnderItsOwnPrincipal() {
        for (PrincipalAccess service : PlatformAccess.SERVICES) {
            for (ProvisioningMode mode : List.of(ProvisioningMode.CREATE, ProvisioningMode.VERIFY)) {
                assertTrue(new TopicProvisioner(kafka.clientSettings(service.principal()), TIMEOUT)
                        .provision(TopicDefinitions.ALL, mode).changedNothing(), service.principal() + " " + mode);
            }
        }
    }

    @Test
    void everyPrincipalReadsAndWritesItsTopicsAndUsesItsGroupsAndTransactionalIds() {
        for (PrincipalAccess principal : PlatformAccess.ALL) {
            KafkaClientSettings settings = kafka.clientSettings(principal.principal());
            String key = principal.principal() + "-" + UUID.randomUUID();
            try (KafkaProducer<String, String> producer = producer(settings, Map.of())) {
                for (String topic : principal.writes()) {
                    send(producer, topic, key);
                }
            }
            for (String topic : principal.writes()) {
                assertTrue(TopicContents.keys(kafka.clientSettings(), topic).contains(key), principal.principal() + " wrote " + topic);
            }
            for (String topic : principal.reads()) {
                TopicContents.read(settings, topic);
            }
            for (String group : principal.groups()) {
                commitOffset(settings, example(group), principal.reads().get(0));
            }
            for (String transactionalId : principal.transactionalIds()) {
                writeInTransaction(settings, principal, example(transactionalId), key);
            }
        }
    }

    @Test
    void aClientWithoutCredentialsIsNotLetIn() {
        String forged = "forged-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(KafkaClientSettings.bootstrap(kafka.bootstrapServers()),
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, REFUSED_CLIENT_MS))) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(Topics.EVALUATIONS, forged, "{}")).get());
            // the SCRAM listener closes a connection that skips authentication: the client never learns the topic
            assertInstanceOf(TimeoutException.class, refused.getCause());
        }
        assertFalse(TopicContents.keys(kafka.clientSettings(), Topics.EVALUATIONS).contains(forged));
    }

    @Test
    void aWrongPasswordFailsAuthentication() {
        KafkaClientSettings impostor = kafka.clientSettings(PlatformAccess.METRICS.principal())
                .with(Map.of("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"metrics-service\" password=\"guessed\";"));
        assertSignInRefused(impostor);
    }

    @Test
    void onlyTheUsersOwnClientMaySignInWithPlainAsKcatDoes() {
        String jaas = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"%s\" password=\"%s\";";
        String userPassword = kcatPassword(PlatformAccess.USER.principal());
        KafkaClientSettings user = kafka.clientSettings(PlatformAccess.USER.principal())
                .with(Map.of("sasl.mechanism", "PLAIN", "sasl.jaas.config", jaas.formatted(PlatformAccess.USER.principal(), userPassword)));
        String key = "plain-" + UUID.randomUUID();
        try (KafkaProducer<String, String> producer = producer(user, Map.of())) {
            send(producer, Topics.INGEST_IMAGES, key);
        }
        assertTrue(TopicContents.keys(kafka.clientSettings(), Topics.INGEST_IMAGES).contains(key));

        // a service's own password does not open PLAIN: only the user's own client needs it
        String metricsJaas = String.valueOf(kafka.clientSettings(PlatformAccess.METRICS.principal()).forClient(Map.of())
                .get("sasl.jaas.config"));
        String metricsPassword = metricsJaas.replaceAll(".*password=\"([^\"]+)\".*", "$1");
        KafkaClientSettings metricsOverPlain = user.with(Map.of("sasl.jaas.config",
                jaas.formatted(PlatformAccess.METRICS.principal(), metricsPassword)));
        assertSignInRefused(metricsOverPlain);
        assertThrows(IllegalArgumentException.class, () -> kafka.kcatConfig(PlatformAccess.METRICS.principal()));
    }

    /** A producer with {@code settings} is refused at sign-in, before it could send anything. */
    private static void assertSignInRefused(KafkaClientSettings settings) {
        try (KafkaProducer<String, String> producer = producer(settings,
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, REFUSED_CLIENT_MS))) {
            assertInstanceOf(SaslAuthenticationException.class, refusal(producer, Topics.EVALUATIONS, "forged"));
        }
    }

    /**
     * Why the broker refused a write. A producer whose sign-in or producer id was refused before {@code send}
     * throws from {@code send} itself; one refused later fails the send's future. Either is the same refusal.
     */
    private static Throwable refusal(KafkaProducer<String, String> producer, String topic, String key) {
        Throwable refused = assertThrows(Exception.class,
                () -> producer.send(new ProducerRecord<>(topic, key, "{}")).get());
        while (!(refused instanceof AuthorizationException || refused instanceof SaslAuthenticationException)
                && refused.getCause() != null) {
            refused = refused.getCause();
        }
        return refused;
    }

    private static String kcatPassword(String user) {
        return kafka.kcatConfig(user).lines().filter(line -> line.startsWith("sasl.password="))
                .map(line -> line.substring("sasl.password=".length())).findFirst().orElseThrow();
    }

    @Test
    void onlyTheJudgesMayPublishEvaluations() {
        String forged = "forged-" + UUID.randomUUID();
        for (PrincipalAccess other : List.of(PlatformAccess.GALLERY, PlatformAccess.USER, PlatformAccess.TRAINER,
                PlatformAccess.INGEST)) {
            try (KafkaProducer<String, String> producer = producer(kafka.clientSettings(other.principal()), Map.of())) {
                Throwable refused = refusal(producer, Topics.EVALUATIONS, forged);
                // a principal that may write nowhere is refused its idempotent producer id before it gets to the topic
                Class<? extends AuthorizationException> expected = other.writes().isEmpty()
                        ? ClusterAuthorizationException.class : TopicAuthorizationException.class;
                assertInstanceOf(expected, refused, other.principal());
            }
        }
        assertFalse(TopicContents.keys(kafka.clientSettings(), Topics.EVALUATIONS).contains(forged));
        for (PrincipalAccess judge : List.of(PlatformAccess.METRICS, PlatformAccess.CRITIC)) {
            try (KafkaProducer<String, String> producer = producer(kafka.clientSettings(judge.principal()), Map.of())) {
                send(producer, Topics.EVALUATIONS, judge.principal());
            }
        }
    }

    @Test
    void aServiceCannotTakeOverAnotherServicesConsumerGroupOrTransactions() {
        KafkaClientSettings gallery = kafka.clientSettings(PlatformAccess.GALLERY.principal());
        assertThrows(GroupAuthorizationException.class, () -> commitOffset(gallery, "metrics-service", Topics.CHECKPOINTS));
        assertThrows(TransactionalIdAuthorizationException.class, () -> writeInTransaction(
                kafka.clientSettings(PlatformAccess.TRAINER.principal()), PlatformAccess.TRAINER, "aegan-ingest-x", "k"));
    }

    /** A name a group or transactional id pattern allows: the name itself, or the prefix with something after it. */
    private static String example(String pattern) {
        return pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) + "test" : pattern;
    }

    private static KafkaProducer<String, String> producer(KafkaClientSettings settings, Map<String, Object> more) {
        Map<String, Object> config = new HashMap<>(Map.of(ProducerConfig.ACKS_CONFIG, "all"));
        config.putAll(more);
        return new KafkaProducer<>(settings.forClient(config), new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key) {
        try {
            producer.send(new ProducerRecord<>(topic, key, "{}")).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("could not write to " + topic + ": " + e.getCause(), e.getCause());
        }
    }

    private static void commitOffset(KafkaClientSettings settings, String group, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings.forClient(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")),
                new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)), TIMEOUT);
            assertEquals(0, consumer.committed(Set.of(partition), TIMEOUT).get(partition).offset(), group);
        }
    }

    /** A transaction as ingest writes one: a record, and a consumed offset of the principal's group committed with it. */
    private static void writeInTransaction(KafkaClientSettings settings, PrincipalAccess principal, String transactionalId,
                                           String key) {
        try (KafkaProducer<String, String> producer = producer(settings,
                Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(principal.writes().get(0), key, "{}"));
            if (!principal.groups().isEmpty()) {
                producer.sendOffsetsToTransaction(Map.of(new TopicPartition(principal.reads().get(0), 0),
                        new OffsetAndMetadata(0)), new ConsumerGroupMetadata(example(principal.groups().get(0))));
            }
            producer.commitTransaction();
        }
    }
}
