package dev.aegan.infra;

import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.PlatformAccess;
import dev.aegan.contracts.kafka.PrincipalAccess;
import dev.aegan.topics.ProvisioningMode;
import dev.aegan.topics.TopicProvisioner;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node KRaft Kafka broker in this JVM, with every platform topic created as
 * {@link TopicDefinitions} defines it, by the provisioner the services use. Settings a one-node
 * cluster needs (replication factor 1 for internal topics, transactions) are applied here so
 * clients behave as against a production cluster. {@link #startWithScram} starts one that, like a
 * production cluster should, lets no client in without SCRAM credentials and allows only what ACLs
 * grant.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EmbeddedKafkaBroker broker;
    /** SCRAM user names and passwords, the super user's among them; empty when the broker authenticates no one. */
    private final Map<String, String> passwords;
    /** The users who may sign in with SASL PLAIN too ({@link ScramListener}). */
    private final Set<String> plainUsers;

    private EmbeddedKafka(EmbeddedKafkaBroker broker, Map<String, String> passwords, Set<String> plainUsers) {
        this.broker = broker;
        this.passwords = passwords;
        this.plainUsers = plainUsers;
    }

    /** Starts a broker on {@code port} (0 = any free port) and creates the platform topics. */
    public static EmbeddedKafka start(int port) {
        EmbeddedKafka kafka = startWithoutTopics(port, Map.of());
        try {
            kafka.provisionTopics();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /**
     * Starts a broker with no topics at all, as a new cluster is before any service started, with
     * {@code brokerSettings} on top of this class's (auto-creation is off unless they turn it on).
     */
    public static EmbeddedKafka startWithoutTopics(int port, Map<String, String> brokerSettings) {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaPort(port == 0 ? FreePorts.find() : port)
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    oneNodeSettings(props);
                    props.putAll(brokerSettings);
                })
                .start();
        return new EmbeddedKafka(broker, Map.of(), Set.of());
    }

    /**
     * Starts a broker, with no topics yet, whose only client listener requires SASL SCRAM-SHA-512
     * and which allows each user only what ACLs {@link #grant} (the super user, {@value ScramListener#SUPER_USER},
     * everything). Each of {@code users} gets a random password: {@link #clientSettings(String)}; those of
     * them in {@code plainUsers} may sign in with SASL PLAIN too, as kcat does ({@link #kcatConfig}).
     */
    public static EmbeddedKafka startWithScram(int port, Collection<String> users, Collection<String> plainUsers) {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(ScramListener.SUPER_USER, randomPassword());
        for (String user : users) {
            ScramListener.requirePlainWord("SCRAM user name", user);
            passwords.put(user, randomPassword());
        }
        int clientPort = port == 0 ? FreePorts.find() : port;
        int controllerPort = FreePorts.find();
        String clusterId = Uuid.randomUuid().toString();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withNodeId(1)
                .withKafkaPort(clientPort)
                .withControllerPort(controllerPort)
                .withClusterId(clusterId)
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    oneNodeSettings(props);
                    props.putAll(ScramListener.brokerSettings(clientPort, controllerPort, passwords, plainUsers));
                    ScramListener.formatStorage(props, clusterId, passwords);
                })
                .start();
        return new EmbeddedKafka(broker, Map.copyOf(passwords), Set.copyOf(plainUsers));
    }

    /**
     * A broker as a production cluster of the platform should be: {@link #startWithScram} with a SCRAM
     * user per principal of {@link PlatformAccess#ALL}, each granted its {@link PrincipalAccess#aclBindings}
     * (topic rights for the services' default provisioning, create mode), {@link PlatformAccess#USER} also
     * by SASL PLAIN, for kcat. No topics yet: the first service to start creates them.
     */
    public static EmbeddedKafka startWithPlatformAccess(int port) {
        EmbeddedKafka kafka = startWithScram(port, PlatformAccess.ALL.stream().map(PrincipalAccess::principal).toList(),
                List.of(PlatformAccess.USER.principal()));
        try {
            kafka.grant(PlatformAccess.ALL.stream()
                    .flatMap(principal -> principal.aclBindings(ProvisioningMode.CREATE.topicOperations()).stream())
                    .toList());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    private static void oneNodeSettings(Properties props) {
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
    }

    private static String randomPassword() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Creates the platform's topics as {@link TopicDefinitions} defines them, as the super user where there is one. */
    public void provisionTopics() {
        new TopicProvisioner(clientSettings(), ADMIN_TIMEOUT).provision(TopicDefinitions.ALL, ProvisioningMode.CREATE);
    }

    /**
     * Adds {@code bindings} to the broker's ACLs and returns once the broker enforces them: the
     * controller commits them first and the broker's authorizer learns of them a moment later.
     */
    public void grant(Collection<AclBinding> bindings) {
        try (Admin admin = Admin.create(clientSettings().forClient(Map.of()))) {
            admin.createAcls(bindings).all().get();
            Await.until("the broker to enforce " + bindings.size() + " new ACLs", ADMIN_TIMEOUT, () -> {
                try {
                    return new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get()).containsAll(bindings)
                            ? Boolean.TRUE : null;
                } catch (InterruptedException | ExecutionException e) {
                    throw new IllegalStateException("could not list the broker's ACLs", e);
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not create ACLs " + bindings, e.getCause());
        }
    }

    public String bootstrapServers() {
        return broker.getAdvertisedListeners().replaceAll("^[A-Z_]+://", "");
    }

    /** What a client connects with: on a broker that authenticates, as the super user, who may do anything. */
    public KafkaClientSettings clientSettings() {
        return passwords.isEmpty() ? KafkaClientSettings.bootstrap(bootstrapServers())
                : clientSettings(ScramListener.SUPER_USER);
    }

    /** What a client connects with as SCRAM user {@code user}, one of those the broker was started with. */
    public KafkaClientSettings clientSettings(String user) {
        return KafkaClientSettings.bootstrap(bootstrapServers()).with(ScramListener.clientSettings(user, password(user)));
    }

    /**
     * What kcat connects with ({@code kcat -F <file>}, in librdkafka's property names, the broker's
     * address left to {@code -b}): as {@code user}, one of the users who may sign in with PLAIN, or, on
     * a broker that authenticates no one, plaintext.
     */
    public String kcatConfig(String user) {
        if (passwords.isEmpty()) {
            return "security.protocol=plaintext\n";
        }
        if (!plainUsers.contains(user)) {
            throw new IllegalArgumentException("'" + user + "' may not sign in with PLAIN, which kcat needs; " + plainUsers
                    + " may");
        }
        return ScramListener.kcatConfig(user, password(user));
    }

    private String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException(passwords.isEmpty() ? "this broker authenticates no one"
                    : "the broker has no SCRAM user '" + user + "'; it has " + passwords.keySet());
        }
        return password;
    }

    @Override
    public void close() {
        broker.close();
    }
}
