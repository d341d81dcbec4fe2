package dev.aegan.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.aegan.contracts.kafka.PlatformAccess;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Strimzi resources, read with Strimzi's own model classes (io.strimzi:api 0.51.0, which reads kafka.strimzi.io/v1)
 * strictly: those classes keep unknown fields in a catch-all map, which is switched off here so that an
 * unknown field fails; and a value the classes cannot hold (an unknown enum constant becomes null) fails
 * the round trip back to the manifest. The generated files must be what the generator writes now.
 */
class StrimziResourcesTest {
    /** The Strimzi API version of k8s/ (Strimzi 0.49+; the only one Strimzi 1.x serves). */
    private static final String VERSION = "v1";
    private static final Map<String, Class<?>> MODELS = Map.of(
            "Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class, "KafkaTopic", KafkaTopic.class, "KafkaUser", KafkaUser.class);
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }

                /**
                 * The classes serve v1beta2 and v1; v1 dropped every field v1beta2 deprecated, and those
                 * carry @Deprecated (Strimzi's own version annotations are not published for 0.51).
                 */
                @Override
                public boolean hasIgnoreMarker(AnnotatedMember member) {
                    return super.hasIgnoreMarker(member) || member.hasAnnotation(Deprecated.class);
                }

                /** Defaults and nulls written back too, so a value the classes dropped shows as null. */
                @Override
                public JsonInclude.Value findPropertyInclusion(Annotated annotated) {
                    return JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS);
                }
            });

    @ParameterizedTest
    @ValueSource(strings = {"overlays/strimzi", "overlays/strimzi-gpu"})
    void everyStrimziResourceReadsStrictlyWithStrimzisClasses(String overlay) {
        List<String> problems = new ArrayList<>();
        int read = 0;
        for (JsonNode object : Overlays.objects(overlay)) {
            if (object.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                problems.addAll(strictProblems(object));
                read++;
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(read > 0, overlay + " has no Strimzi resource");
        System.out.println("[strimzi] " + overlay + ": " + read + " resources read strictly by io.strimzi:api");
    }

    @Test
    void anUnknownFieldAndAnUnknownOperationAreCaught() {
        List<JsonNode> objects = Overlays.objects("overlays/strimzi");
        ObjectNode kafka = (ObjectNode) ManifestPolicyTest.workload(objects, "Kafka", "aegan");
        ((ObjectNode) kafka.path("spec").path("kafka")).put("replicas", 3);
        List<String> unknownField = strictProblems(kafka);
        assertFalse(unknownField.isEmpty(), "spec.kafka.replicas (a field Kafka v1 moved to KafkaNodePool) was accepted");

        ObjectNode user = (ObjectNode) ManifestPolicyTest.workload(objects, "KafkaUser", "trainer-service");
        ((ObjectNode) user.path("spec").path("authorization").path("acls").get(0)).putArray("operations").add("Reade");
        List<String> badOperation = strictProblems(user);
        assertFalse(badOperation.isEmpty(), "operation Reade was accepted");
        System.out.println("[strimzi] caught: " + unknownField.get(0) + " | " + badOperation.get(0));
    }

    /** Read back from the rendered overlay, each KafkaUser allows exactly what contracts grants its principal. */
    @Test
    void eachKafkaUserGrantsExactlyItsPrincipalsAclBindings() {
        List<JsonNode> objects = Overlays.objects("overlays/strimzi-gpu");
        Map<String, Set<String>> expected = new TreeMap<>();
        PlatformAccess.SERVICES.forEach(service -> expected.put(service.principal(),
                readable(service.aclBindings(StrimziResources.PROVISIONING.topicOperations()))));
        expected.put(StrimziResources.KEDA_USER, readable(StrimziResources.kedaBindings()));
        Map<String, Set<String>> granted = new TreeMap<>();
        Workloads.ofKind(objects, "KafkaUser").forEach(user ->
                granted.put(user.path("metadata").path("name").asText(), readable(bindings(user))));
        assertEquals(expected, granted);
        System.out.println("[strimzi] KafkaUsers " + granted.keySet() + " grant " + granted.values().stream().mapToInt(Set::size).sum()
                + " ACL bindings, PlatformAccess's and KEDA's");
    }

    @Test
    void theGeneratedTopicsAndUsersAreUpToDate() throws IOException {
        assertEquals(StrimziResources.topicsYaml(), Files.readString(Overlays.REPOSITORY.resolve(GenerateStrimziResources.TOPICS)),
                "regenerate with: mvn -pl tools/k8s-manifests exec:java (README, \"Kubernetes\")");
        assertEquals(StrimziResources.usersYaml(),
                Files.readString(Overlays.REPOSITORY.resolve(GenerateStrimziResources.USERS)),
                "regenerate with: mvn -pl tools/k8s-manifests exec:java (README, \"Kubernetes\")");
    }

    /** Bindings, sorted, one short line each ({@code User:x ALLOW WRITE on TOPIC LITERAL evaluations from *}), for a readable diff. */
    private static Set<String> readable(Collection<AclBinding> bindings) {
        Set<String> lines = new TreeSet<>();
        bindings.forEach(b -> lines.add(b.entry().principal() + " " + b.entry().permissionType() + " " + b.entry().operation() + " on "
                + b.pattern().resourceType() + " " + b.pattern().patternType() + " " + b.pattern().name() + " from " + b.entry().host()));
        return lines;
    }

    /** A KafkaUser's rules as Kafka ACL bindings: one per operation, for User:<its name>, allowed from any host. */
    private static Set<AclBinding> bindings(JsonNode user) {
        Set<AclBinding> bindings = new HashSet<>();
        String principal = "User:" + user.path("metadata").path("name").asText();
        for (JsonNode rule : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = rule.path("resource");
            ResourcePattern pattern = new ResourcePattern(
                    ResourceType.fromString(resource.path("type").asText().replaceAll("([a-z])([A-Z])", "$1_$2")),
                    resource.path("name").asText(),
                    resource.path("patternType").asText("literal").equals("prefix") ? PatternType.PREFIXED : PatternType.LITERAL);
            for (JsonNode operation : rule.path("operations")) {
                bindings.add(new AclBinding(pattern, new AccessControlEntry(principal, rule.path("host").asText("*"),
                        AclOperation.fromString(operation.asText().replaceAll("([a-z])([A-Z])", "$1_$2")),
                        rule.path("type").asText("allow").equals("allow") ? AclPermissionType.ALLOW : AclPermissionType.DENY)));
            }
        }
        return bindings;
    }

    private static List<String> strictProblems(JsonNode object) {
        String what = object.path("kind").asText() + " " + object.path("metadata").path("name").asText();
        Class<?> model = MODELS.get(object.path("kind").asText());
        if (model == null) {
            return List.of(what + ": no Strimzi model class for this kind here");
        }
        try {
            List<?> versions = (List<?>) model.getField("VERSIONS").get(null);
            if (!object.path("apiVersion").asText().equals("kafka.strimzi.io/" + VERSION) || !versions.contains(VERSION)) {
                return List.of(what + ": " + object.path("apiVersion").asText() + " is not kafka.strimzi.io/" + VERSION
                        + " (Strimzi's " + model.getSimpleName() + " serves " + versions + ")");
            }
            ObjectNode body = object.deepCopy();
            body.remove("apiVersion");
            JsonNode back = STRICT.valueToTree(STRICT.treeToValue(body, model));
            List<String> lost = new ArrayList<>();
            missingIn(body, back, "", lost);
            return lost.stream().map(path -> what + ": " + path + " does not survive Strimzi's classes").toList();
        } catch (IOException | IllegalArgumentException e) {
            return List.of(what + ": " + e.getMessage().lines().findFirst().orElse(""));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(model + " has no VERSIONS", e);
        }
    }

    /** Paths of {@code expected}'s values that {@code actual} lacks or holds otherwise (numbers and strings compared as text). */
    private static void missingIn(JsonNode expected, JsonNode actual, String path, List<String> lost) {
        if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = expected.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                missingIn(field.getValue(), actual.path(field.getKey()), path + "/" + field.getKey(), lost);
            }
        } else if (expected.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                missingIn(expected.get(i), actual.path(i), path + "/" + i, lost);
            }
        } else if (!expected.asText().equals(actual.asText()) || actual.isMissingNode() || actual.isNull()) {
            lost.add(path + " (" + expected + " became " + actual + ")");
        }
    }
}
