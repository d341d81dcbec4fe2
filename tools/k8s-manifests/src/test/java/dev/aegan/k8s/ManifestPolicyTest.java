package dev.aegan.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every rule of {@link ManifestPolicy} holds for every overlay, and each one catches the mutation it exists for. */
class ManifestPolicyTest {
    private static final ManifestPolicy POLICY = new ManifestPolicy(Overlays.REPOSITORY);

    @TestFactory
    Stream<DynamicTest> everyOverlayKeepsEveryRule() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String overlay : Overlays.ALL) {
            POLICY.rules().forEach((rule, check) -> tests.add(DynamicTest.dynamicTest(overlay + ": " + rule,
                    () -> assertEquals(List.of(), check.apply(Overlays.objects(overlay))))));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> eachRuleCatchesItsMutation() {
        return Stream.of(
                mutation("probes", "overlays/local", "the gallery loses its readiness probe",
                        objects -> container(objects, "Deployment", "gallery").remove("readinessProbe")),
                mutation("resources", "base", "ingest loses its memory limit",
                        objects -> ((ObjectNode) container(objects, "Deployment", "ingest").path("resources").path("limits")).remove("memory")),
                mutation("pinned images", "overlays/local", "Kafka's image becomes apache/kafka:latest",
                        objects -> container(objects, "StatefulSet", "kafka").put("image", "apache/kafka:latest")),
                mutation("pinned images", "base", "the critic runs another version than the project's",
                        objects -> container(objects, "Deployment", "critic").put("image", "aegan/critic-service:0.0.9")),
                mutation("restricted security context", "overlays/local-gpu", "the GPU worker may write its root file system",
                        objects -> ((ObjectNode) container(objects, "Deployment", "trainer-worker").path("securityContext"))
                                .put("readOnlyRootFilesystem", false)),
                mutation("restricted security context", "overlays/local", "MinIO keeps NET_RAW",
                        objects -> ((ObjectNode) container(objects, "StatefulSet", "minio").path("securityContext").path("capabilities"))
                                .putArray("add").add("NET_RAW")),
                mutation("writable paths on emptyDir", "base", "metrics loses its /tmp emptyDir",
                        objects -> ((ObjectNode) container(objects, "Deployment", "metrics")).remove("volumeMounts")),
                mutation("no literal secrets", "overlays/local", "a Secret with the S3 credentials is committed",
                        objects -> objects.add(Overlays.parse("""
                                apiVersion: v1
                                kind: Secret
                                metadata: {name: aegan-s3-credentials}
                                stringData: {access-key: aegan, secret-key: aegan-secret}
                                """).get(0))),
                mutation("configuration the service reads", "base", "a misspelt trainer setting (AEGAN_TRAINER_CONCURENCY)",
                        objects -> env(container(objects, "Deployment", "trainer")).addObject()
                                .put("name", "AEGAN_TRAINER_CONCURENCY").put("value", "2")),
                mutation("configuration the service reads", "overlays/local-gpu",
                        "the API trainer's consumer switched off by MP_MESSAGING_INCOMING_RUN_REQUESTS_IN_ENABLED (read as channel 'run')",
                        objects -> env(container(objects, "Deployment", "trainer")).addObject()
                                .put("name", "MP_MESSAGING_INCOMING_RUN_REQUESTS_IN_ENABLED").put("value", "false")),
                mutation("configuration the service reads", "base", "the S3 ConfigMap handed to ingest, which keeps no artifacts",
                        objects -> ((ArrayNode) container(objects, "Deployment", "ingest").path("envFrom")).addObject()
                                .putObject("configMapRef").put("name", "aegan-s3")),
                mutation("trainer grace period", "base", "the trainer gets the default 30 s grace period",
                        objects -> ((ObjectNode) workload(objects, "Deployment", "trainer").path("spec").path("template").path("spec"))
                                .remove("terminationGracePeriodSeconds")),
                mutation("topics and ACLs", "overlays/strimzi", "a KafkaUser reads a topic contracts does not define",
                        objects -> ((ArrayNode) workload(objects, "KafkaUser", "gallery-service").path("spec").path("authorization")
                                .path("acls")).addObject().putObject("resource").put("type", "topic").put("name", "evaluation")),
                mutation("topics and ACLs", "overlays/strimzi", "the KafkaTopic of runs.requests is missing",
                        objects -> objects.remove(workload(objects, "KafkaTopic", "runs.requests"))),
                mutation("topics and ACLs", "overlays/strimzi", "the services create topics their KafkaUsers may only describe",
                        objects -> ((ObjectNode) workload(objects, "ConfigMap", "aegan-settings").path("data"))
                                .put("AEGAN_TOPICS_PROVISIONING", "create")),
                mutation("KEDA scaling", "overlays/strimzi-gpu", "lagThreshold 2 with a concurrency of 1",
                        objects -> trigger(objects).put("lagThreshold", "2")),
                mutation("KEDA scaling", "overlays/local-gpu", "up to 9 workers on 8 partitions",
                        objects -> ((ObjectNode) workload(objects, "ScaledObject", "trainer-worker").path("spec")).put("maxReplicaCount", 9)),
                mutation("Kafka credentials", "overlays/strimzi", "the critic signs in as the gallery",
                        objects -> {
                            for (JsonNode variable : env(container(objects, "Deployment", "critic"))) {
                                if (variable.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")) {
                                    ((ObjectNode) variable.path("valueFrom").path("secretKeyRef")).put("name", "gallery-service");
                                }
                            }
                        }),
                mutation("transactional ids per replica", "base", "every metrics pod gets host name metrics",
                        objects -> ((ObjectNode) workload(objects, "Deployment", "metrics").path("spec").path("template").path("spec"))
                                .put("hostname", "metrics")),
                mutation("transactional ids per replica", "overlays/local", "two critic replicas with one fixed instance id",
                        objects -> {
                            ((ObjectNode) workload(objects, "Deployment", "critic").path("spec")).put("replicas", 2);
                            env(container(objects, "Deployment", "critic")).addObject()
                                    .put("name", "AEGAN_CRITIC_INSTANCE_ID").put("value", "k8s-critic");
                        }),
                mutation("transactional ids per replica", "base", "ingest's fixed instance id under a rolling update",
                        objects -> ((ObjectNode) workload(objects, "Deployment", "ingest").path("spec").path("strategy"))
                                .put("type", "RollingUpdate")));
    }

    private static DynamicTest mutation(String rule, String overlay, String description, Consumer<List<JsonNode>> mutate) {
        return DynamicTest.dynamicTest(rule + " catches: " + description, () -> {
            List<JsonNode> objects = new ArrayList<>(Overlays.objects(overlay));
            mutate.accept(objects);
            List<String> violations = POLICY.rules().get(rule).apply(objects);
            assertFalse(violations.isEmpty(), "'" + rule + "' missed: " + description);
            System.out.println("[policy] " + rule + " caught \"" + description + "\" in " + overlay + ": " + violations.get(0));
        });
    }

    static JsonNode workload(List<JsonNode> objects, String kind, String name) {
        return Workloads.named(objects, kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static ObjectNode container(List<JsonNode> objects, String kind, String name) {
        return (ObjectNode) workload(objects, kind, name).path("spec").path("template").path("spec").path("containers").get(0);
    }

    static ArrayNode env(ObjectNode container) {
        return (ArrayNode) container.path("env");
    }

    static ObjectNode trigger(List<JsonNode> objects) {
        return (ObjectNode) workload(objects, "ScaledObject", "trainer-worker").path("spec").path("triggers").get(0).path("metadata");
    }
}
