package dev.aegan.infra;

import dev.aegan.contracts.TopicDefinitions;
import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.store.ArtifactStore;
import dev.aegan.store.ArtifactStoreException;
import dev.aegan.store.S3Settings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalInfraTest {
    @TempDir
    static Path s3Dir;
    private static LocalInfra infra;

    @BeforeAll
    static void start() {
        infra = LocalInfra.start(0, 0, s3Dir);
    }

    @AfterAll
    static void stop() throws Exception {
        infra.close();
    }

    private static S3Settings settings(String secret) {
        return new S3Settings() {
            public String endpoint() { return infra.s3Endpoint(); }
            public String accessKey() { return EmbeddedS3.ACCESS_KEY; }
            public String secretKey() { return secret; }
            public String region() { return "us-east-1"; }
        };
    }

    @Test
    void brokerHasEveryPlatformTopicAndDeliversRecords() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.bootstrapServers()))) {
            assertTrue(admin.listTopics().names().get().containsAll(Topics.ALL));
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();
            TopicDefinitions.ALL.forEach(defined -> assertEquals(defined.partitions(),
                    topics.get(defined.name()).partitions().size(), defined.name()));
        }
        Map<String, Object> common = Map.of("bootstrap.servers", infra.bootstrapServers());
        try (var producer = new KafkaProducer<>(common, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.EVALUATIONS, "run-1", "hello")).get();
        }
        try (var consumer = new KafkaConsumer<>(common, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.EVALUATIONS, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(10));
            assertEquals("hello", records.iterator().next().value());
        }
    }

    /** A 1024x1024 RGB image is 3 MiB: over a broker's default record limit, within the image topics' own. */
    @Test
    void imageTopicsTakeRecordsOverTheBrokersDefaultLimitAndOtherTopicsDoNot() throws Exception {
        byte[] image = new byte[3 * 1024 * 1024];
        Map<String, Object> config = Map.of("bootstrap.servers", infra.bootstrapServers(), "max.request.size", 16 * 1024 * 1024);
        try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DATASET_BATCHES, "large-images", image)).get();
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(Topics.RUN_EVENTS, "run-1", image)).get());
            assertInstanceOf(RecordTooLargeException.class, refused.getCause());
        }
    }

    @Test
    void s3ServerStoresVerifiedObjectsAndChecksSignatures() throws Exception {
        byte[] content = "checkpoint bytes".getBytes(StandardCharsets.UTF_8);
        try (ArtifactStore store = new ArtifactStore(settings(EmbeddedS3.SECRET_KEY))) {
            store.ensureBucket("checkpoints");
            store.ensureBucket("checkpoints");
            StoredObject stored = store.putVerified("checkpoints", "run-1/step-1/a.bin", content, "application/octet-stream");
            assertEquals(content.length, stored.size());
            assertEquals(ArtifactStore.sha256(content), stored.sha256());
            assertArrayEquals(content, store.getVerified("checkpoints", stored));
            assertEquals(List.of("run-1/step-1/a.bin"), store.list("checkpoints", "run-1/"));
            assertFalse(store.exists("checkpoints", "run-1/nothing"));
            assertTrue(store.get("checkpoints", "run-1/nothing").isEmpty());
        }
        try (ArtifactStore wrongKey = new ArtifactStore(settings("not-the-secret"))) {
            assertThrows(ArtifactStoreException.class, () -> wrongKey.get("checkpoints", "run-1/step-1/a.bin"));
        }
    }
}
