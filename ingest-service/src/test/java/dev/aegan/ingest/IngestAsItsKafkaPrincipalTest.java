package dev.aegan.ingest;

import dev.aegan.contracts.DeadLetterHeaders;
import dev.aegan.contracts.IngestHeaders;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.dataset.ImageBatchCodec;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.PlatformAccess;
import dev.aegan.infra.Await;
import dev.aegan.infra.PlatformAccessTestResource;
import dev.aegan.infra.TopicContents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ingest-service against a broker that requires SCRAM and enforces the platform's ACLs, connected
 * as its own principal through {@code kafka.*} security settings alone: it creates the topics,
 * reads its catalog, takes uploads and pushed images and commits them in transactions with the
 * offsets of its consumer group, all with no more than {@link PlatformAccess#INGEST} grants.
 */
@QuarkusTest
@TestProfile(IngestAsItsKafkaPrincipalTest.OwnPrincipal.class)
class IngestAsItsKafkaPrincipalTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String DATASET = "secured";
    private static final int SIZE = 8;

    public static class OwnPrincipal implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PlatformAccessTestResource.class,
                    Map.of(PlatformAccessTestResource.PRINCIPAL, PlatformAccess.INGEST.principal())));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    @Test
    void uploadsAndPushedImagesAreIngestedWithOnlyIngestsRights() throws Exception {
        given().multiPart("files", "first.png", Fixtures.numberedPng(1, SIZE))
                .when().post("/datasets/" + DATASET)
                .then().statusCode(201);

        KafkaClientSettings user = PlatformAccessTestResource.clientSettings(PlatformAccess.USER.principal());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                user.forClient(Map.of(ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(image("pushed", Fixtures.numberedPng(2, SIZE))).get();
            producer.send(image("broken", "not an image".getBytes(StandardCharsets.UTF_8))).get();
        }

        KafkaClientSettings admin = PlatformAccessTestResource.superUserSettings();
        awaitOffsetsCommitted(admin);
        assertEquals(2, TopicContents.read(admin, Topics.DATASET_BATCHES).stream()
                .filter(record -> DATASET.equals(record.key()))
                .mapToInt(record -> ImageBatchCodec.decode(record.value()).count()).sum());
        List<DatasetEvent> events = TopicContents.read(admin, Topics.DATASET_EVENTS).stream()
                .filter(record -> DATASET.equals(record.key()))
                .map(record -> EventJson.read(record.value(), DatasetEvent.class)).toList();
        assertEquals(List.of(DatasetEvent.Type.created, DatasetEvent.Type.extended),
                events.stream().map(DatasetEvent::type).toList());
        List<ConsumerRecord<String, byte[]>> deadLetters = TopicContents.read(admin, Topics.INGEST_DEAD_LETTER);
        assertEquals(1, deadLetters.size());
        assertEquals("broken", deadLetters.get(0).key());
        assertEquals("UNDECODABLE_IMAGE", header(deadLetters.get(0), DeadLetterHeaders.REASON_CODE));
    }

    private static ProducerRecord<String, byte[]> image(String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INGEST_IMAGES, key, value);
        record.headers().add(IngestHeaders.DATASET, DATASET.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Ingest commits a record's offset in the transaction that publishes what became of it. */
    private static void awaitOffsetsCommitted(KafkaClientSettings admin) {
        TopicPartition images = new TopicPartition(Topics.INGEST_IMAGES, 0);
        try (Admin client = Admin.create(admin.forClient(Map.of()))) {
            Await.until("ingest's group to commit both pushed records", TIMEOUT, () -> {
                try {
                    OffsetAndMetadata committed = client.listConsumerGroupOffsets(KafkaProbe.INGEST_GROUP)
                            .partitionsToOffsetAndMetadata().get().get(images);
                    return committed != null && committed.offset() >= 2 ? committed : null;
                } catch (InterruptedException | ExecutionException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
