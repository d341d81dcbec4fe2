package dev.aegan.gallery.messaging;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.infra.LocalInfraTestResource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A restarted gallery is ready only once it has applied what its topics held: not while its API would show a partial past. */
class ReplayProgressTest {
    private final String bootstrap = LocalInfraTestResource.sharedConfig().get("kafka.bootstrap.servers");

    @Test
    void notReadyUntilEveryCommittedRecordOnTheTopicsIsApplied() throws Exception {
        ReplayProgress progress = new ReplayProgress(KafkaClientSettings.bootstrap(bootstrap));
        try {
            appliedToTheEnd(progress);
            RecordMetadata unapplied = send(false);
            HealthCheckResponse replaying = progress.call();
            assertEquals(HealthCheckResponse.Status.DOWN, replaying.getStatus());
            assertTrue(replaying.getData().orElseThrow().get("replaying").toString().contains(Topics.RUN_EVENTS),
                    replaying.getData().toString());

            progress.applied().claim(unapplied.topic(), unapplied.partition(), unapplied.offset());
            assertEquals(HealthCheckResponse.Status.UP, progress.call().getStatus());
        } finally {
            progress.close();
        }
    }

    @Test
    void anAbortedTransactionAtTheEndOfATopicIsNothingToWaitFor() throws Exception {
        ReplayProgress progress = new ReplayProgress(KafkaClientSettings.bootstrap(bootstrap));
        try {
            appliedToTheEnd(progress);
            send(true);
            assertEquals(HealthCheckResponse.Status.UP, progress.call().getStatus());
        } finally {
            progress.close();
        }
    }

    private void appliedToTheEnd(ReplayProgress progress) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var topic : admin.describeTopics(ReplayProgress.TOPICS).allTopicNames().get().values()) {
                topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()),
                        OffsetSpec.latest()));
            }
            admin.listOffsets(latest).all().get().forEach((partition, end) -> {
                if (end.offset() > 0) {
                    progress.applied().claim(partition.topic(), partition.partition(), end.offset() - 1);
                }
            });
        }
    }

    private RecordMetadata send(boolean abort) throws Exception {
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", bootstrap));
        if (abort) {
            config.put("transactional.id", "replay-progress-test-" + System.nanoTime());
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            if (abort) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.RUN_EVENTS, "replay-progress",
                    "{}".getBytes(StandardCharsets.UTF_8))).get();
            if (abort) {
                producer.abortTransaction();
            }
            return sent;
        }
    }
}
