package dev.aegan.topics;

import dev.aegan.contracts.TopicDefinition;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Brings a cluster's topics in line with their {@link TopicDefinition}s through the Kafka Admin
 * API, idempotently: a second pass over a provisioned cluster changes nothing. Several services
 * may run it at once against an empty cluster; whoever loses a creation race checks the topic
 * the winner made.
 * <p>
 * Topic configs are the only thing set on an existing topic. Partition counts are never changed
 * (adding partitions to a keyed topic sends a key's later records to another partition than its
 * earlier ones), nor is replication (that is a reassignment, an operator's job): both are
 * warnings.
 */
public final class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);
    private static final String CLIENT_ID = "aegan-topic-provisioner";
    private static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaClientSettings kafka;
    private final Map<String, Object> clientConfig;
    private final Duration timeout;

    /**
     * @param kafka   the Kafka client settings the service's own clients use
     * @param timeout how long to wait for a broker to answer at all (it may still be starting),
     *                and for each request after that
     */
    public TopicProvisioner(KafkaClientSettings kafka, Duration timeout) {
        this.kafka = kafka;
        this.clientConfig = kafka.forClient(Map.of(AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID));
        this.timeout = timeout;
    }

    /**
     * Creates (create mode) or checks (verify mode) {@code topics}; off does nothing.
     *
     * @throws TopicProvisioningException when the broker did not answer within the timeout, a
     *                                    request was refused, or (verify mode) a topic is missing or a config differs
     */
    public ProvisioningReport provision(List<TopicDefinition> topics, ProvisioningMode mode) {
        if (mode == ProvisioningMode.OFF) {
            LOG.info("topic provisioning is off: the platform's topics are neither created nor checked");
            return ProvisioningReport.nothingDone();
        }
        Instant deadline = Instant.now().plus(timeout);
        Admin admin = null;
        try {
            admin = connect(deadline);
            return provision(admin, topics, mode, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicProvisioningException("interrupted while provisioning topics on " + bootstrapServers(), e);
        } finally {
            if (admin != null) {
                admin.close(CLOSE_TIMEOUT);
            }
        }
    }

    private ProvisioningReport provision(Admin admin, List<TopicDefinition> topics, ProvisioningMode mode, Instant deadline)
            throws InterruptedException {
        Set<String> existing = await(admin.listTopics(new ListTopicsOptions().timeoutMs(millisUntil(deadline))).names(),
                "list the topics");
        List<TopicDefinition> present = new ArrayList<>();
        List<TopicDefinition> missing = new ArrayList<>();
        topics.forEach(topic -> (existing.contains(topic.name()) ? present : missing).add(topic));

        List<String> problems = new ArrayList<>();
        List<TopicDefinition> created = new ArrayList<>();
        if (mode == ProvisioningMode.VERIFY) {
            missing.forEach(topic -> problems.add("topic " + topic.name() + " is missing"));
        } else if (!missing.isEmpty()) {
            Set<String> raced = create(admin, missing);
            missing.forEach(topic -> (raced.contains(topic.name()) ? present : created).add(topic));
        }

        List<String> warnings = present.isEmpty() ? List.of() : layoutWarnings(admin, present);
        List<ConfigChange> differences = present.isEmpty() ? List.of() : configDifferences(admin, present);
        if (mode == ProvisioningMode.CREATE) {
            align(admin, differences);
        } else {
            differences.forEach(difference -> problems.add(difference.toString()));
        }
        if (!problems.isEmpty()) {
            throw new TopicProvisioningException("the Kafka topics on " + bootstrapServers() + " do not match their "
                    + "definitions, and verify mode changes nothing:\n  - " + String.join("\n  - ", problems)
                    + "\nCreate or change them as defined (README, \"Topics\"), or let one service start in create mode.",
                    problems, null);
        }
        return new ProvisioningReport(created.stream().map(TopicDefinition::name).toList(),
                mode == ProvisioningMode.CREATE ? differences : List.of(), warnings);
    }

    /** An unresolvable bootstrap address (a broker whose DNS name is not published yet) fails here, not later. */
    private Admin connect(Instant deadline) throws InterruptedException {
        while (true) {
            try {
                return Admin.create(clientConfig);
            } catch (KafkaException e) {
                if (Instant.now().plus(RETRY_PAUSE).isAfter(deadline)) {
                    throw new TopicProvisioningException("could not reach a Kafka broker at " + bootstrapServers()
                            + " within " + timeout + " (" + e.getMessage() + "): is the broker up and the address right?", e);
                }
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    /** Creates {@code topics}; answers those that turned out to exist already: another service created them meanwhile. */
    private Set<String> create(Admin admin, List<TopicDefinition> topics) throws InterruptedException {
        List<NewTopic> newTopics = topics.stream().map(topic -> new NewTopic(topic.name(), Optional.of(topic.partitions()),
                        topic.replicationFactor() == TopicDefinition.BROKER_DEFAULT_REPLICATION_FACTOR
                                ? Optional.empty() : Optional.of(topic.replicationFactor()))
                        .configs(topic.configs()))
                .toList();
        Map<String, KafkaFuture<Void>> results = admin.createTopics(newTopics,
                new CreateTopicsOptions().timeoutMs(millis(timeout))).values();
        Set<String> existing = new HashSet<>();
        for (TopicDefinition topic : topics) {
            try {
                results.get(topic.name()).get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicExistsException) {
                    existing.add(topic.name());
                    continue;
                }
                throw failure(e.getCause(), "create topic " + topic.name());
            }
            LOG.infof("created topic %s (partitions %d, replication factor %s, %s)", topic.name(), topic.partitions(),
                    topic.replicationFactor() == TopicDefinition.BROKER_DEFAULT_REPLICATION_FACTOR
                            ? "the broker's default" : topic.replicationFactor(), topic.configs());
        }
        return existing;
    }

    private List<String> layoutWarnings(Admin admin, List<TopicDefinition> topics) throws InterruptedException {
        Map<String, TopicDescription> descriptions = describe(admin, topics.stream().map(TopicDefinition::name).toList());
        List<String> warnings = new ArrayList<>();
        for (TopicDefinition topic : topics) {
            TopicDescription description = descriptions.get(topic.name());
            int partitions = description.partitions().size();
            if (partitions < topic.partitions()) {
                warnings.add("topic " + topic.name() + " has " + partitions + " partitions, defined with "
                        + topic.partitions() + ": at most " + partitions + " consumers of one group share it. Partitions are "
                        + "never added automatically (a key's later records would go to another partition than its "
                        + "earlier ones); add them deliberately with kafka-topics.sh --alter --topic " + topic.name()
                        + " --partitions " + topic.partitions());
            }
            int replicas = description.partitions().get(0).replicas().size();
            if (topic.replicationFactor() != TopicDefinition.BROKER_DEFAULT_REPLICATION_FACTOR
                    && replicas != topic.replicationFactor()) {
                warnings.add("topic " + topic.name() + " has replication factor " + replicas + ", configured as "
                        + topic.replicationFactor() + "; replication is never changed automatically "
                        + "(reassign the partitions with kafka-reassign-partitions.sh)");
            }
        }
        warnings.forEach(LOG::warn);
        return warnings;
    }

    private Map<String, TopicDescription> describe(Admin admin, List<String> names) throws InterruptedException {
        return awaitKnown(() -> admin.describeTopics(names, new DescribeTopicsOptions().timeoutMs(millis(timeout)))
                .allTopicNames(), "describe topics " + names);
    }

    /** A topic another service has just created may not be known yet to the broker that answers: ask again. */
    private <T> T awaitKnown(Supplier<KafkaFuture<T>> request, String action) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                return request.get().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || Instant.now().isAfter(deadline)) {
                    throw failure(e.getCause(), action);
                }
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    private List<ConfigChange> configDifferences(Admin admin, List<TopicDefinition> topics) throws InterruptedException {
        Map<String, ConfigResource> resources = topics.stream().collect(Collectors.toMap(TopicDefinition::name,
                topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name())));
        Map<ConfigResource, Config> configs = awaitKnown(() -> admin.describeConfigs(resources.values(),
                new DescribeConfigsOptions().timeoutMs(millis(timeout))).all(), "describe the configs of " + resources.keySet());
        List<ConfigChange> differences = new ArrayList<>();
        for (TopicDefinition topic : topics) {
            Config config = configs.get(resources.get(topic.name()));
            topic.configs().forEach((key, wanted) -> {
                ConfigEntry entry = config.get(key);
                String actual = entry == null ? null : entry.value();
                if (!wanted.equals(actual)) {
                    differences.add(new ConfigChange(topic.name(), key, actual, wanted));
                }
            });
        }
        return differences;
    }

    private void align(Admin admin, List<ConfigChange> changes) throws InterruptedException {
        if (changes.isEmpty()) {
            return;
        }
        Map<ConfigResource, Collection<AlterConfigOp>> operations = new LinkedHashMap<>();
        for (ConfigChange change : changes) {
            operations.computeIfAbsent(new ConfigResource(ConfigResource.Type.TOPIC, change.topic()), r -> new ArrayList<>())
                    .add(new AlterConfigOp(new ConfigEntry(change.key(), change.wanted()), AlterConfigOp.OpType.SET));
        }
        await(admin.incrementalAlterConfigs(operations, new AlterConfigsOptions().timeoutMs(millis(timeout))).all(),
                "change topic configs " + changes);
        changes.forEach(change -> LOG.infof("topic %s: set %s from %s to %s, as defined", change.topic(), change.key(),
                change.actual(), change.wanted()));
    }

    private <T> T await(KafkaFuture<T> future, String action) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw failure(e.getCause(), action);
        }
    }

    private TopicProvisioningException failure(Throwable cause, String action) {
        if (cause instanceof TimeoutException) {
            return new TopicProvisioningException("no Kafka broker at " + bootstrapServers() + " answered within "
                    + timeout + " when asked to " + action + ": is the broker up and the address right?", cause);
        }
        if (cause instanceof AuthorizationException) {
            return new TopicProvisioningException("the Kafka cluster at " + bootstrapServers() + " refused to " + action
                    + " (" + cause.getMessage() + "). Create mode needs the rights " + ProvisioningMode.CREATE.topicOperationNames()
                    + " on the topics, verify mode " + ProvisioningMode.VERIFY.topicOperationNames() + "; where an operator "
                    + "manages the topics, use verify mode.", cause);
        }
        return new TopicProvisioningException("could not " + action + " on " + bootstrapServers() + ": " + cause, cause);
    }

    private String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    private static int millisUntil(Instant deadline) {
        return (int) Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
    }
}
