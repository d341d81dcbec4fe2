package dev.aegan.local.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegan.local.Service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The committed hostile corpus: one JSON object per line with a unique {@code id}, either a REST
 * request ({@code service}, {@code method}, {@code path}, {@code as}: the {@link Caller}, trainer when
 * absent, {@code headers}, {@code body}, {@code expect.status}, {@code expect.code}) or a record
 * ({@code topic}, {@code headers}, {@code value}, {@code expect.deadLetter}: the reason code), sent
 * with the id as its key. {@code path}, {@code body} and {@code value} are {@link Template}s; only
 * the headers given are sent (no Content-Type unless written). An expected code may be a list where
 * a refusal is right but which of two reasons it names is the service's choice.
 */
final class Corpus {
    static final String RESOURCE = "/hostile/corpus.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    record RestCase(String id, Service service, String method, String pathTemplate, Caller caller,
                    Map<String, String> headers, String bodyTemplate, int expectedStatus, Set<String> expectedCodes) {
    }

    /** A record for {@code topic}, keyed by its id; a null {@code valueTemplate} is a record without a value. */
    record TopicCase(String id, String topic, Map<String, String> headers, String valueTemplate,
                     Set<String> expectedReasonCodes) {
    }

    private final List<RestCase> restCases;
    private final List<TopicCase> topicCases;

    private Corpus(List<RestCase> restCases, List<TopicCase> topicCases) {
        this.restCases = List.copyOf(restCases);
        this.topicCases = List.copyOf(topicCases);
    }

    static Corpus load(String resource) {
        List<RestCase> rest = new ArrayList<>();
        List<TopicCase> topic = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (InputStream in = Corpus.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                String id = node.path("id").asText();
                if (id.isEmpty() || !ids.add(id)) {
                    throw new IllegalStateException(resource + " line " + number + ": missing or repeated id '" + id + "'");
                }
                if (node.has("topic")) {
                    topic.add(new TopicCase(id, node.get("topic").asText(), headers(node),
                            node.get("value").isNull() ? null : node.get("value").asText(),
                            codes(node.path("expect").path("deadLetter"))));
                } else {
                    rest.add(new RestCase(id, Service.valueOf(node.path("service").asText().toUpperCase(Locale.ROOT)),
                            node.path("method").asText(), node.path("path").asText(),
                            Caller.parse(node.path("as").asText("trainer")), headers(node),
                            node.path("body").asText(""), node.path("expect").path("status").asInt(),
                            codes(node.path("expect").path("code"))));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
        return new Corpus(rest, topic);
    }

    private static Map<String, String> headers(JsonNode node) {
        Map<String, String> headers = new LinkedHashMap<>();
        node.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return headers;
    }

    private static Set<String> codes(JsonNode node) {
        Set<String> codes = new LinkedHashSet<>();
        if (node.isArray()) {
            node.forEach(code -> codes.add(code.asText()));
        } else if (node.isTextual()) {
            codes.add(node.asText());
        }
        if (codes.isEmpty()) {
            throw new IllegalStateException("a case without an expected code: " + node);
        }
        return codes;
    }

    List<RestCase> restCases() {
        return restCases;
    }

    List<TopicCase> topicCases() {
        return topicCases;
    }

    int size() {
        return restCases.size() + topicCases.size();
    }
}
