package dev.aegan.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.aegan.contracts.TopicDefinition;
import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.contracts.Topics;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Strimzi resources that follow from contracts: a {@code KafkaTopic} per topic definition and a
 * {@code KafkaUser} per service (SCRAM-SHA-512, ACLs limited to what {@link ServiceKafkaAccess}
 * says it uses), plus KEDA's user, which only reads the trainers' lag. Written to
 * {@code k8s/overlays/strimzi/} by {@link GenerateStrimziResources}.
 */
public final class StrimziResources {
    /** The {@code Kafka} resource of k8s/overlays/strimzi/kafka.yaml. */
    public static final String CLUSTER = "aegan";
    public static final String API_VERSION = "kafka.strimzi.io/v1";
    /** The trainers' consumer group (trainer-service's application.properties), whose lag KEDA reads. */
    public static final String TRAINER_GROUP = "trainer";
    public static final String KEDA_USER = "aegan-keda";

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

    public static String usersYaml(Path repository) {
        List<Object> users = new ArrayList<>();
        for (String service : ServiceKafkaAccess.SERVICES) {
            users.add(user(ServiceKafkaAccess.of(repository, service)));
        }
        users.add(user(kedaAccess()));
        return document("KafkaUser per service, ACLs from dev.aegan.k8s.ServiceKafkaAccess; and KEDA's, which reads "
                + "the lag of group " + TRAINER_GROUP + " on " + Topics.RUN_REQUESTS, users);
    }

    /** KEDA's Kafka scaler lists the group's committed offsets and the topic's end offsets: Describe on both. */
    public static KafkaAccess kedaAccess() {
        return new KafkaAccess(KEDA_USER, new TreeSet<>(), new TreeSet<>(), new TreeSet<>(List.of(Topics.RUN_REQUESTS)),
                new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
    }

    private static Object user(KafkaAccess access) {
        List<Object> acls = new ArrayList<>();
        for (String topic : access.topics()) {
            SortedSet<String> operations = new TreeSet<>();
            operations.add("Describe");
            if (!access.principal().equals(KEDA_USER)) {
                operations.add("DescribeConfigs");
            }
            if (access.reads().contains(topic)) {
                operations.add("Read");
            }
            if (access.writes().contains(topic)) {
                operations.add("Write");
            }
            acls.add(acl("topic", topic, "literal", operations));
        }
        access.groups().forEach(group -> acls.add(acl("group", group, "literal", new TreeSet<>(List.of("Read")))));
        access.groupPrefixes().forEach(prefix -> acls.add(acl("group", prefix, "prefix", new TreeSet<>(List.of("Read")))));
        access.transactionalIdPrefixes().forEach(prefix ->
                acls.add(acl("transactionalId", prefix, "prefix", new TreeSet<>(List.of("Describe", "Write")))));
        if (access.principal().equals(KEDA_USER)) {
            acls.add(acl("group", TRAINER_GROUP, "literal", new TreeSet<>(List.of("Describe"))));
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("authentication", Map.of("type", "scram-sha-512"));
        Map<String, Object> authorization = new LinkedHashMap<>();
        authorization.put("type", "simple");
        authorization.put("acls", acls);
        spec.put("authorization", authorization);
        return resource("KafkaUser", access.principal(), spec);
    }

    private static Map<String, Object> acl(String type, String name, String patternType, SortedSet<String> operations) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", type);
        resource.put("name", name);
        resource.put("patternType", patternType);
        Map<String, Object> acl = new LinkedHashMap<>();
        acl.put("resource", resource);
        acl.put("operations", List.copyOf(operations));
        return acl;
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
