package dev.aegan.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The overlays a user applies, each rendered once per test run. */
public final class Overlays {
    public static final Path REPOSITORY = GenerateStrimziResources.repositoryRoot(Path.of("").toAbsolutePath());
    /** Every folder of k8s/ that {@code kubectl apply -k} takes (overlays/gpu is a Component: it is in the -gpu ones). */
    public static final List<String> ALL = List.of("base", "overlays/local", "overlays/strimzi", "overlays/local-gpu",
            "overlays/strimzi-gpu");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    public static String yaml(String overlay) {
        return RENDERED.computeIfAbsent(overlay, name -> Kustomize.render(REPOSITORY.resolve("k8s").resolve(name)));
    }

    /** The overlay's objects, each a fresh copy the caller may change. */
    public static List<JsonNode> objects(String overlay) {
        return parse(yaml(overlay));
    }

    public static List<JsonNode> parse(String yaml) {
        try {
            return YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll().stream()
                    .filter(node -> node != null && !node.isNull() && !node.isMissingNode()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String toYaml(List<JsonNode> objects) {
        StringBuilder text = new StringBuilder();
        try {
            for (JsonNode object : objects) {
                text.append(YAML.writeValueAsString(object));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
