package dev.aegan.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every overlay renders with kubectl kustomize into one namespace, each object once. */
class OverlaysRenderTest {

    static List<String> overlays() {
        return Overlays.ALL;
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void rendersIntoTheNamespaceEachObjectOnce(String overlay) {
        List<JsonNode> objects = Overlays.objects(overlay);
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (JsonNode object : objects) {
            String kind = object.path("kind").asText();
            String name = object.path("metadata").path("name").asText();
            kinds.merge(kind, 1, Integer::sum);
            if (!seen.add(kind + "/" + name)) {
                problems.add(kind + " " + name + " twice");
            }
            if (!kind.equals("Namespace") && !object.path("metadata").path("namespace").asText().equals("aegan")) {
                problems.add(kind + " " + name + " is outside namespace aegan");
            }
            if (!object.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText().equals("aegan")) {
                problems.add(kind + " " + name + " lacks app.kubernetes.io/part-of=aegan");
            }
        }
        assertEquals(List.of(), problems);
        System.out.println("[render] " + overlay + ": " + objects.size() + " objects " + kinds);
    }

    @Test
    void kubectlBundlesAKustomizeThatKnowsComponents() {
        Kustomize.requireVersion();
        String version = Kustomize.run(List.of("kubectl", "version", "--client"));
        assertTrue(version.contains("Kustomize Version: v5"), version);
    }
}
