package dev.aegan.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.aegan.contracts.TopicDefinition;
import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.PlatformAccess;
import dev.aegan.contracts.kafka.PrincipalAccess;
import dev.aegan.topics.ProvisioningMode;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Strimzi resources that follow from contracts: a {@code KafkaTopic} per topic definition and a
 * {@code KafkaUser} per service principal of {@link PlatformAccess} (SCRAM-SHA-512, named as the
 * principal, with exactly its ACL bindings), plus KEDA's user, which only reads the trainers' lag.
 * Written to {@code k8s/overlays/strimzi/} by {@link GenerateStrimziResources}.
 */
public final class StrimziResources {
    /** The {@code Kafka} resource of k8s/overlays/strimzi/kafka.yaml. */
    public static final String CLUSTER = "aegan";
    public static final String API_VERSION = "kafka.strimzi.io/v1";
    /** The trainers' consumer group (trainer-service's application.properties), whose lag KEDA reads. */
    public static final String TRAINER_GROUP = "trainer";
    public static final String KEDA_USER = "aegan-keda";
    /**
     * How the services of the strimzi overlay provision topics (its {@code AEGAN_TOPICS_PROVISIONING}): the
     * topic operator creates them, so the users may only check them.
     */
    public static final ProvisioningMode PROVISIONING = ProvisioningMode.VERIFY;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .disable(YAMLGenerator.Feature.SPLIT_LINES));

    private StrimziResources() {
    }

    public static String topicsYaml() {
        List<Object> topics = new ArrayList<>();
        for (TopicDefinition definition : TopicDefinitions.ALL) {
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("partitions", definition.partitions());
            if (definition.replicationFactor() != TopicDefinition.BROKER_DEFAULT_REPLICATION_FACTOR) {
                spec.put("replicas", (int) definition.replicationFactor());
            }
            spec.put("config", new TreeMap<>(definition.configs()));
            topics.add(resource("KafkaTopic", definition.name(), spec));
        }
        return document("KafkaTopic per topic of dev.aegan.contracts.TopicDefinitions (replicas: the broker's "
                + "default.replication.factor)", topics);
    }

    public static String usersYaml() {
        List<Object> users = new ArrayList<>();
        for (PrincipalAccess service : PlatformAccess.SERVICES) {
            users.add(user(service.principal(), service.aclBindings(PROVISIONING.topicOperations())));
        }
        users.add(user(KEDA_USER, kedaBindings()));
        return document("KafkaUser per service principal of dev.aegan.contracts.kafka.PlatformAccess, with its ACL bindings "
                + "and topic provisioning's in " + PROVISIONING.name().toLowerCase(Locale.ROOT) + " mode ("
                + PROVISIONING.topicOperationNames() + " on every topic); and KEDA's, which reads the lag of group "
                + TRAINER_GROUP + " on " + Topics.RUN_REQUESTS, users);
    }

    /** KEDA's Kafka scaler lists the group's committed offsets and the topic's end offsets: Describe on both. */
    public static List<AclBinding> kedaBindings() {
        return List.of(describe(ResourceType.TOPIC, Topics.RUN_REQUESTS), describe(ResourceType.GROUP, TRAINER_GROUP));
    }

    private static AclBinding describe(ResourceType type, String name) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry("User:" + KEDA_USER, "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW));
    }

    private static Object user(String principal, List<AclBinding> bindings) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("authentication", Map.of("type", "scram-sha-512"));
        Map<String, Object> authorization = new LinkedHashMap<>();
        authorization.put("type", "simple");
        authorization.put("acls", StrimziAcls.of(principal, bindings));
        spec.put("authorization", authorization);
        return resource("KafkaUser", principal, spec);
    }

    private static Map<String, Object> resource(String kind, String name, Map<String, Object> spec) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("labels", Map.of("strimzi.io/cluster", CLUSTER));
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("apiVersion", API_VERSION);
        resource.put("kind", kind);
        resource.put("metadata", metadata);
        resource.put("spec", spec);
        return resource;
    }

    private static String document(String what, List<Object> resources) {
        StringWriter text = new StringWriter();
        text.write("# Generated by dev.aegan.k8s.GenerateStrimziResources (README, \"Kubernetes\"); do not edit.\n# " + what + ".\n");
        try (SequenceWriter writer = YAML.writer().writeValues(text)) {
            writer.writeAll(resources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
