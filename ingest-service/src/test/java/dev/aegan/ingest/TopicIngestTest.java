package dev.aegan.ingest;

import dev.aegan.infra.LocalInfraTestResource;
import dev.aegan.contracts.DeadLetterHeaders;
import dev.aegan.contracts.IngestHeaders;
import dev.aegan.contracts.Split;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.ImageBatch;
import dev.aegan.contracts.events.DatasetEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class TopicIngestTest {
    private static final String CASE = "test-case";
    private static final int SIZE = 8;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String dataset = "topic-" + run;
    private final List<KafkaProbe.Input> inputs = new ArrayList<>();
    /** Expected reason code per test case that must be dead-lettered. */
    private final Map<String, String> refusals = new LinkedHashMap<>();

    private void valid(int id, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put(IngestHeaders.DATASET, dataset);
        headers.put(IngestHeaders.LABEL, Integer.toString(id % 10));
        headers.put(CASE, run + "-valid-" + id);
        inputs.add(new KafkaProbe.Input(("key-" + id).getBytes(StandardCharsets.UTF_8), Fixtures.numberedPng(id, SIZE),
                headers));
    }

    private void refused(String name, String code, byte[] value, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(CASE, run + "-" + name);
        inputs.add(new KafkaProbe.Input(("key-" + name).getBytes(StandardCharsets.UTF_8), value, all));
        refusals.put(run + "-" + name, code);
    }

    @Test
    void everyRecordIsPublishedOnceOrDeadLetteredWithItsReason() {
        byte[] png = Fixtures.numberedPng(999, SIZE);
        byte[] truncated = Arrays.copyOf(png, png.length - 20);
        for (int id = 0; id < 40; id++) {
            valid(id, id < 5 ? Map.of(IngestHeaders.SPLIT, "heldout") : Map.of());
            switch (id) {
                case 3 -> refused("missing-dataset", "MISSING_DATASET", png, Map.of(IngestHeaders.LABEL, "1"));
                case 7 -> refused("corrupt", "UNDECODABLE_IMAGE", truncated, Map.of(IngestHeaders.DATASET, dataset));
                case 11 -> refused("not-an-image", "UNDECODABLE_IMAGE", "hello".getBytes(StandardCharsets.UTF_8),
                        Map.of(IngestHeaders.DATASET, dataset));
                case 13 -> refused("wrong-shape", "WRONG_SHAPE", Fixtures.numberedPng(1000, 2 * SIZE),
                        Map.of(IngestHeaders.DATASET, dataset));
                case 17 -> refused("label-text", "INVALID_LABEL", png,
                        Map.of(IngestHeaders.DATASET, dataset, IngestHeaders.LABEL, "cat"));
                case 19 -> refused("label-range", "INVALID_LABEL", png,
                        Map.of(IngestHeaders.DATASET, dataset, IngestHeaders.LABEL, "70000"));
                case 23 -> refused("split", "INVALID_SPLIT", png,
                        Map.of(IngestHeaders.DATASET, dataset, IngestHeaders.SPLIT, "validation"));
                case 29 -> refused("name", "INVALID_DATASET_NAME", png, Map.of(IngestHeaders.DATASET, "Not A Name"));
                case 31 -> refused("resize", "INVALID_RESIZE", png,
                        Map.of(IngestHeaders.DATASET, dataset, IngestHeaders.RESIZE, "stretch"));
                case 37 -> refused("too-large", "IMAGE_TOO_LARGE", Fixtures.grayPng(2000, 1, new byte[2000]),
                        Map.of(IngestHeaders.DATASET, dataset));
                case 38 -> refused("inflating", "UNDECODABLE_IMAGE",
                        Fixtures.grayPngWithImageData(SIZE, SIZE, ZeroBombs.zlib(new byte[0], 200L << 20)),
                        Map.of(IngestHeaders.DATASET, dataset));
                default -> {
                }
            }
        }
        // A larger image with resize: fit is fitted to the dataset's shape rather than refused.
        Map<String, String> fitted = Map.of(IngestHeaders.DATASET, dataset, IngestHeaders.RESIZE, "fit",
                IngestHeaders.SPLIT, "train", CASE, run + "-fitted");
        inputs.add(new KafkaProbe.Input(null, Fixtures.grayPng(2 * SIZE, 2 * SIZE, new byte[4 * SIZE * SIZE]), fitted));

        KafkaProbe.produce(inputs);
        KafkaProbe.awaitIngestCaughtUp(Duration.ofSeconds(60));

        List<ImageBatch> batches = KafkaProbe.batches(dataset);
        Map<Integer, Integer> seen = new HashMap<>();
        int fittedCount = 0;
        for (ImageBatch batch : batches) {
            assertEquals(List.of(1, SIZE, SIZE), List.of(batch.channels(), batch.height(), batch.width()));
            for (int i = 0; i < batch.count(); i++) {
                byte[] pixels = Arrays.copyOfRange(batch.pixels(), i * batch.imageSize(), (i + 1) * batch.imageSize());
                if (Arrays.equals(pixels, new byte[SIZE * SIZE])) {
                    fittedCount++;
                    assertEquals(Split.TRAIN, batch.split());
                    continue;
                }
                int id = Fixtures.numberOf(pixels, 0);
                assertArrayEquals(Fixtures.numberedPixels(id, SIZE), pixels);
                assertEquals(id % 10, batch.labels()[i], "label of image " + id);
                Split expected = id < 5 ? Split.HELDOUT : HeldOutRule.expected(pixels);
                assertEquals(expected, batch.split(), "split of image " + id);
                assertEquals(null, seen.put(id, batch.labels()[i]), "image " + id + " published twice");
            }
        }
        assertEquals(40, seen.size(), "every valid record published");
        assertEquals(1, fittedCount);

        Map<String, ConsumerRecord<byte[], byte[]>> deadByCase = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : KafkaProbe.readAll(Topics.INGEST_DEAD_LETTER)) {
            String testCase = KafkaProbe.header(record, CASE);
            if (testCase != null && testCase.startsWith(run + "-")) {
                assertEquals(null, deadByCase.put(testCase, record), testCase + " dead-lettered twice");
            }
        }
        assertEquals(refusals.keySet(), deadByCase.keySet());
        List<ConsumerRecord<byte[], byte[]>> originals = KafkaProbe.readAll(Topics.INGEST_IMAGES);
        refusals.forEach((testCase, code) -> {
            ConsumerRecord<byte[], byte[]> dead = deadByCase.get(testCase);
            assertEquals(code, KafkaProbe.header(dead, DeadLetterHeaders.REASON_CODE), testCase);
            assertNotNull(KafkaProbe.header(dead, DeadLetterHeaders.REASON), testCase);
            assertEquals(Topics.INGEST_IMAGES, KafkaProbe.header(dead, DeadLetterHeaders.ORIGINAL_TOPIC));
            long offset = Long.parseLong(KafkaProbe.header(dead, DeadLetterHeaders.ORIGINAL_OFFSET));
            int partition = Integer.parseInt(KafkaProbe.header(dead, DeadLetterHeaders.ORIGINAL_PARTITION));
            ConsumerRecord<byte[], byte[]> original = originals.stream()
                    .filter(r -> r.partition() == partition && r.offset() == offset).findFirst().orElseThrow();
            assertArrayEquals(original.key(), dead.key(), testCase + " keeps its key");
            assertArrayEquals(original.value(), dead.value(), testCase + " keeps its bytes");
            assertEquals(testCase, KafkaProbe.header(original, CASE));
        });
        String reason = KafkaProbe.header(deadByCase.get(run + "-wrong-shape"), DeadLetterHeaders.REASON);
        assertTrue(reason.contains("1x16x16") && reason.contains("1x8x8"), reason);

        List<DatasetEvent> events = KafkaProbe.events(dataset);
        DatasetEvent last = events.get(events.size() - 1);
        assertEquals(DatasetEvent.Type.created, events.get(0).type());
        assertEquals(41, last.total());
        long heldOut = seen.keySet().stream()
                .filter(id -> id < 5 || HeldOutRule.expected(Fixtures.numberedPixels(id, SIZE)) == Split.HELDOUT).count();
        assertEquals(heldOut, last.countsBySplit().get("heldout"));
        given().get("/datasets/" + dataset).then().statusCode(200)
                .body("total", equalTo(41))
                .body("counts.heldout", equalTo((int) heldOut));
    }
}
