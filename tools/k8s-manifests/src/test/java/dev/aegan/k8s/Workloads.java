package dev.aegan.k8s;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Navigation in rendered objects: pod templates, their containers, the aegan service behind an image. */
final class Workloads {
    static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");
    private static final String SERVICE_IMAGE_PREFIX = "aegan/";

    private Workloads() {
    }

    record Container(JsonNode workload, JsonNode pod, JsonNode container) {
        String where() {
            return workload.path("kind").asText() + " " + workload.path("metadata").path("name").asText() + " container "
                    + container.path("name").asText();
        }

        String image() {
            return container.path("image").asText();
        }

        /** {@code trainer} for {@code aegan/trainer-service:...}; empty for another image. */
        Optional<String> service() {
            String image = image();
            if (!image.startsWith(SERVICE_IMAGE_PREFIX)) {
                return Optional.empty();
            }
            String repository = image.substring(SERVICE_IMAGE_PREFIX.length(), image.contains(":") ? image.indexOf(':') : image.length());
            return Optional.of(repository.replaceFirst("-service$", ""));
        }

        /** The literal value of an environment variable, if the container sets one. */
        Optional<String> env(String name) {
            for (JsonNode variable : container.path("env")) {
                if (variable.path("name").asText().equals(name) && variable.has("value")) {
                    return Optional.of(variable.path("value").asText());
                }
            }
            return Optional.empty();
        }
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(object -> object.path("kind").asText().equals(kind)).toList();
    }

    static Optional<JsonNode> named(List<JsonNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst();
    }

    static List<Container> containers(List<JsonNode> objects) {
        List<Container> containers = new ArrayList<>();
        for (JsonNode object : objects) {
            if (!WORKLOAD_KINDS.contains(object.path("kind").asText())) {
                continue;
            }
            JsonNode pod = object.path("spec").path("template").path("spec");
            for (String list : List.of("initContainers", "containers")) {
                pod.path(list).forEach(container -> containers.add(new Container(object, pod, container)));
            }
        }
        return containers;
    }
}
