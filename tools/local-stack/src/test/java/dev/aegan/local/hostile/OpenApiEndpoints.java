package dev.aegan.local.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every operation a running service declares in its {@code /q/openapi} document, made concrete
 * with harmless values: path parameters name things that do not exist, and a write gets an empty
 * body of a type it takes, so no call starts real work. Read from the service itself, so an
 * endpoint added later is in the list without anyone remembering to add it.
 */
final class OpenApiEndpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}:]+)(:[^}]*)?}");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    /** One operation, with the path it is called on and, for a write, the body sent. */
    record Endpoint(String method, String declaredPath, String path, String contentType, String body) {
        public boolean isRead() {
            return method.equals("GET") || method.equals("HEAD");
        }

        @Override
        public String toString() {
            return method + " " + declaredPath;
        }
    }

    private OpenApiEndpoints() {
    }

    static List<Endpoint> of(String baseUrl) {
        HttpAnswer answer = RawHttp.send(baseUrl, "GET", "/q/openapi?format=json", Map.of("Accept", "application/json"),
                new byte[0]);
        if (answer.status() != 200) {
            throw new IllegalStateException(baseUrl + "/q/openapi answered " + answer);
        }
        JsonNode document;
        try {
            document = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Endpoint> endpoints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation != null) {
                    endpoints.add(endpoint(method.toUpperCase(Locale.ROOT), path.getKey(), operation, document));
                }
            }
        }
        if (endpoints.isEmpty()) {
            throw new IllegalStateException(baseUrl + "/q/openapi lists no operation");
        }
        return endpoints;
    }

    private static Endpoint endpoint(String method, String declaredPath, JsonNode operation, JsonNode document) {
        Matcher parameters = PARAMETER.matcher(declaredPath);
        StringBuilder path = new StringBuilder();
        while (parameters.find()) {
            parameters.appendReplacement(path, harmlessValue(parameters.group(1), operation, document));
        }
        parameters.appendTail(path);
        JsonNode content = operation.path("requestBody").path("content");
        String contentType = null;
        String body = "";
        if (content.has("application/json")) {
            contentType = "application/json";
            body = "{}";
        } else if (content.size() > 0) {
            // an upload: an empty raw body is refused by what it holds, after the caller's role is checked
            contentType = "application/octet-stream";
        }
        return new Endpoint(method, declaredPath, path.toString(), contentType, body);
    }

    /** A value of the parameter's type that names nothing: an integer 0, an enum's first value, else a fresh name. */
    private static String harmlessValue(String name, JsonNode operation, JsonNode document) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("name").asText().equals(name)) {
                JsonNode schema = resolved(parameter.path("schema"), document);
                if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
                    return schema.path("enum").get(0).asText();
                }
                if (schema.path("type").asText().equals("integer")) {
                    return "0";
                }
            }
        }
        return "matrix-no-such-" + name.toLowerCase(Locale.ROOT);
    }

    /** A schema given as {@code {"$ref": "#/components/schemas/X"}} is looked up in the document. */
    private static JsonNode resolved(JsonNode schema, JsonNode document) {
        String ref = schema.path("$ref").asText();
        return ref.startsWith("#/") ? document.at(ref.substring(1)) : schema;
    }
}
