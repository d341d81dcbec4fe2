package dev.aegan.ingest;

import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.contracts.DeadLetterHeaders;
import dev.aegan.contracts.IngestHeaders;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.events.DatasetEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Second half of the restart scenario: a new instance of the service, with the same transactional
 * id and consumer group, finishes what {@link RestartFirstRunTest}'s instance left, and every
 * record ends up converted exactly once: no image lost, none duplicated, each broken record
 * dead-lettered once, and the dataset's shape and counts carried over.
 */
@QuarkusTest
@TestProfile(RestartSecondRunTest.OtherBatchSize.class)
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class RestartSecondRunTest {

    /** A different output batch size than before the restart: record boundaries must not matter. */
    public static class OtherBatchSize implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("aegan.ingest.batch-size", "100");
        }
    }

    @Test
    void everyRecordProducedBeforeTheRestartIsConvertedExactlyOnce() {
        String dataset = System.getProperty(RestartScenario.PROPERTY);
        assumeTrue(dataset != null, "runs in the same JVM after RestartFirstRunTest");
        int size = RestartScenario.SIZE;

        // The catalog was rebuilt from datasets.events before the service took traffic.
        given().get("/datasets/" + dataset).then().statusCode(200)
                .body("channels", equalTo(1)).body("height", equalTo(size)).body("width", equalTo(size));

        KafkaProbe.awaitIngestCaughtUp(Duration.ofSeconds(120));

        Map<Integer, Integer> labelById = new HashMap<>();
        for (ImageBatch batch : KafkaProbe.batches(dataset)) {
            for (int i = 0; i < batch.count(); i++) {
                byte[] pixels = Arrays.copyOfRange(batch.pixels(), i * batch.imageSize(), (i + 1) * batch.imageSize());
                int id = Fixtures.numberOf(pixels, 0);
                assertArrayEquals(Fixtures.numberedPixels(id, size), pixels);
                assertNull(labelById.put(id, batch.labels()[i]), "image " + id + " published twice");
                assertEquals(id % 10, batch.labels()[i]);
            }
        }
        assertEquals(RestartScenario.VALID, labelById.size(), "every valid record published");

        List<ConsumerRecord<byte[], byte[]>> deadLetters = KafkaProbe.readAll(Topics.INGEST_DEAD_LETTER).stream()
                .filter(record -> String.valueOf(KafkaProbe.header(record, RestartScenario.CASE))
                        .startsWith(dataset + "-invalid-"))
                .toList();
        assertEquals(RestartScenario.invalidCount(), deadLetters.size(), "each broken record dead-lettered once");
        assertEquals(RestartScenario.invalidCount(), deadLetters.stream()
                .map(record -> KafkaProbe.header(record, RestartScenario.CASE)).distinct().count());
        deadLetters.forEach(record -> assertEquals("UNDECODABLE_IMAGE",
                KafkaProbe.header(record, DeadLetterHeaders.REASON_CODE)));

        List<DatasetEvent> events = KafkaProbe.events(dataset);
        assertEquals(RestartScenario.VALID, events.get(events.size() - 1).total());
        assertEquals(DatasetEvent.Type.created, events.get(0).type());
        assertEquals(1, events.stream().filter(event -> event.type() == DatasetEvent.Type.created).count());

        // Shape and counts survived the restart: a new image extends the totals, a wrong shape is refused.
        String testCase = dataset + "-after-restart";
        KafkaProbe.produce(List.of(
                new KafkaProbe.Input(null, Fixtures.numberedPng(RestartScenario.VALID, size),
                        Map.of(IngestHeaders.DATASET, dataset, RestartScenario.CASE, testCase)),
                new KafkaProbe.Input(null, Fixtures.numberedPng(1, 2 * size),
                        Map.of(IngestHeaders.DATASET, dataset, RestartScenario.CASE, testCase + "-wrong-shape"))));
        KafkaProbe.awaitIngestCaughtUp(Duration.ofSeconds(60));
        given().get("/datasets/" + dataset).then().statusCode(200).body("total", equalTo(RestartScenario.VALID + 1));
        List<ConsumerRecord<byte[], byte[]>> wrongShape =
                KafkaProbe.deadLetters(RestartScenario.CASE, testCase + "-wrong-shape");
        assertEquals(1, wrongShape.size());
        assertEquals("WRONG_SHAPE", KafkaProbe.header(wrongShape.get(0), DeadLetterHeaders.REASON_CODE));
    }
}
