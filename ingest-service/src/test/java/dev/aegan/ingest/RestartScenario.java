package dev.aegan.ingest;

import dev.aegan.contracts.IngestHeaders;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Records produced before a restart of ingest-service and checked after it. Each Quarkus app
 * restart gets a fresh class loader, so the scenario's dataset name crosses it as a system property.
 */
final class RestartScenario {
    static final String PROPERTY = "aegan.test.restart-dataset";
    static final String CASE = "test-case";
    static final int VALID = 3000;
    static final int INVALID_EVERY = 100;
    static final int SIZE = 8;

    private RestartScenario() {
    }

    /** {@link #VALID} numbered images labelled id % 10, with a truncated PNG after every 100th. */
    static List<KafkaProbe.Input> records(String dataset) {
        List<KafkaProbe.Input> inputs = new ArrayList<>();
        for (int id = 0; id < VALID; id++) {
            Map<String, String> headers = Map.of(IngestHeaders.DATASET, dataset, IngestHeaders.LABEL,
                    Integer.toString(id % 10), CASE, dataset + "-valid");
            inputs.add(new KafkaProbe.Input(key(id), Fixtures.numberedPng(id, SIZE), headers));
            if (id % INVALID_EVERY == 0) {
                byte[] png = Fixtures.numberedPng(id, SIZE);
                Map<String, String> broken = new HashMap<>(headers);
                broken.put(CASE, dataset + "-invalid-" + id);
                inputs.add(new KafkaProbe.Input(key(id), Arrays.copyOf(png, png.length - 12), broken));
            }
        }
        return inputs;
    }

    static int invalidCount() {
        return VALID / INVALID_EVERY;
    }

    private static byte[] key(int id) {
        return ("image-" + id).getBytes(StandardCharsets.UTF_8);
    }
}
