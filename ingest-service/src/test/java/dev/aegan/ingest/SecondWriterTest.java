package dev.aegan.ingest;

import dev.aegan.contracts.IngestHeaders;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.infra.LocalInfraTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Another ingest instance extends a dataset this instance has already written: this instance's next
 * write, on either path, must count on from the other instance's event, not from what it last
 * wrote itself, however recently it wrote.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalInfraTestResource.class, restrictToAnnotatedClass = false)
class SecondWriterTest {
    private static final int SIZE = 8;

    private final String dataset = "second-writer-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void eachWriteCountsOnFromTheOtherInstancesLatestEvent() {
        sendTrainImages(0, 3);
        assertEquals(3, lastEvent().total());

        otherInstanceWrites(Map.of("train", 100L, "heldout", 7L));
        sendTrainImages(3, 2);
        DatasetEvent topicWrite = lastEvent();
        assertEquals(Map.of("train", 102L, "heldout", 7L), topicWrite.countsBySplit());
        assertEquals(DatasetEvent.Type.extended, topicWrite.type());

        otherInstanceWrites(Map.of("train", 200L, "heldout", 9L));
        given().contentType("image/png").queryParam("split", "train").body(Fixtures.numberedPng(5, SIZE))
                .when().post("/datasets/" + dataset)
                .then().statusCode(200)
                .body("total", equalTo(210));
        assertEquals(Map.of("train", 201L, "heldout", 9L), lastEvent().countsBySplit());
        given().get("/datasets/" + dataset).then().statusCode(200).body("total", equalTo(210));
    }

    private void sendTrainImages(int first, int count) {
        KafkaProbe.produce(IntStream.range(first, first + count)
                .mapToObj(id -> new KafkaProbe.Input(null, Fixtures.numberedPng(id, SIZE),
                        Map.of(IngestHeaders.DATASET, dataset, IngestHeaders.SPLIT, "train")))
                .toList());
        KafkaProbe.awaitIngestCaughtUp(Duration.ofSeconds(60));
    }

    /** What another instance publishes after extending the dataset, in a transaction of its own. */
    private void otherInstanceWrites(Map<String, Long> countsBySplit) {
        DatasetEvent event = new DatasetEvent(DatasetEvent.SCHEMA, DatasetEvent.Type.extended, dataset, 1, SIZE, SIZE,
                countsBySplit, List.of(), Instant.now());
        Map<String, Object> settings = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProbe.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aegan-ingest-other-" + dataset);
        try (KafkaProducer<byte[], byte[]> other =
                     new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer())) {
            other.initTransactions();
            other.beginTransaction();
            other.send(new ProducerRecord<>(Topics.DATASET_EVENTS, dataset.getBytes(StandardCharsets.UTF_8),
                    EventJson.write(event)));
            other.commitTransaction();
        }
    }

    private DatasetEvent lastEvent() {
        List<DatasetEvent> events = KafkaProbe.events(dataset);
        return events.get(events.size() - 1);
    }
}
