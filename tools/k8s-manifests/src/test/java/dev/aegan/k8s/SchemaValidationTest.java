package dev.aegan.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rendered object against the Kubernetes API schemas (npm kubernetes-models 5.1.0: Kubernetes
 * 1.34) and the CRD schemas of KEDA (@kubernetes-models/keda 2.0.0) and the Prometheus operator
 * (@kubernetes-models/prometheus-operator 6.0.0), unknown fields included (schema-validator/validate.mjs).
 * Strimzi's kinds are left to {@link StrimziResourcesTest}.
 */
class SchemaValidationTest {
    private static final Path VALIDATOR = Overlays.REPOSITORY.resolve("tools/k8s-manifests/schema-validator/validate.mjs");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The results of every overlay, from one run of the validator (its start-up is most of its time). */
    private static Map<String, List<JsonNode>> results;

    static List<String> overlays() {
        return Overlays.ALL;
    }

    @BeforeAll
    static void validateEveryOverlay() {
        StringBuilder all = new StringBuilder();
        Overlays.ALL.forEach(overlay -> all.append(Overlays.yaml(overlay)).append("\n---\n"));
        List<JsonNode> lines = validate(all.toString());
        results = new LinkedHashMap<>();
        int from = 0;
        for (String overlay : Overlays.ALL) {
            int count = Overlays.objects(overlay).size();
            results.put(overlay, lines.subList(from, Math.min(from + count, lines.size())));
            from += count;
        }
        assertEquals(from, lines.size(), "the validator reported another number of objects than the overlays hold");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsValid(String overlay) {
        List<JsonNode> results = SchemaValidationTest.results.get(overlay);
        List<String> problems = new ArrayList<>();
        int valid = 0;
        for (JsonNode result : results) {
            String what = result.path("kind").asText() + " " + result.path("name").asText();
            switch (result.path("result").asText()) {
                case "valid" -> valid++;
                case "unvalidated" -> {
                    if (!result.path("apiVersion").asText().startsWith("kafka.strimzi.io/")) {
                        problems.add(what + " (" + result.path("apiVersion").asText() + ") has no schema here");
                    }
                }
                default -> problems.add(what + ": " + result.path("errors"));
            }
        }
        assertEquals(List.of(), problems);
        assertEquals(Overlays.objects(overlay).size(), results.size());
        System.out.println("[schemas] " + overlay + ": " + results.size() + " objects, " + valid + " valid against the schemas, "
                + (results.size() - valid) + " Strimzi resources left to Strimzi's classes");
    }

    @Test
    void unknownFieldsWrongTypesAndBadQuantitiesAreRejected() {
        List<JsonNode> results = validate("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers: [{name: c, image: i:1, readinesProbe: {}}]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: quantity}
                spec:
                  containers: [{name: c, image: i:1, resources: {limits: {memory: lots}}}]
                ---
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: crd-typo}
                spec:
                  scaleTargetRef: {name: w}
                  maxReplicaCount: eight
                  triggers: [{type: kafka, metadata: {topic: t}, authentcationRef: {name: x}}]
                """);
        assertEquals(List.of("invalid", "invalid", "invalid"), results.stream().map(r -> r.path("result").asText()).toList());
        assertTrue(results.get(0).path("errors").toString().contains("readinesProbe: unknown field"), results.get(0).toString());
        assertTrue(results.get(1).path("errors").toString().contains("quantity"), results.get(1).toString());
        assertTrue(results.get(2).path("errors").toString().contains("authentcationRef: unknown field"), results.get(2).toString());
        assertTrue(results.get(2).path("errors").toString().contains("maxReplicaCount"), results.get(2).toString());
    }

    /** One JSON line per object from validate.mjs (exit 3 when one is invalid: the lines say which). */
    private static List<JsonNode> validate(String yaml) {
        try {
            Process node = new ProcessBuilder("node", VALIDATOR.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (OutputStream in = node.getOutputStream()) {
                in.write(yaml.getBytes(StandardCharsets.UTF_8));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            node.getInputStream().transferTo(out);
            if (!node.waitFor(2, TimeUnit.MINUTES) || node.exitValue() != 0 && node.exitValue() != 3) {
                throw new IllegalStateException("validate.mjs failed: " + out.toString(StandardCharsets.UTF_8));
            }
            List<JsonNode> results = new ArrayList<>();
            for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    results.add(JSON.readTree(line));
                }
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run node (Node.js 20+ validates the manifests; "
                    + "tools/k8s-manifests/schema-validator/install.sh installs its packages)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
