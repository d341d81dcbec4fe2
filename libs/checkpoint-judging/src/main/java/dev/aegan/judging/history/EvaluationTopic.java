package dev.aegan.judging.history;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The evaluations topic, read from its beginning and on demand up to its end at that moment.
 * Committed records only ({@code read_committed}): what an aborted transaction wrote never
 * counts. No consumer group: the partitions are assigned, never rebalanced, so each record is
 * read once and in order. One caller at a time.
 */
final class EvaluationTopic implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EvaluationTopic.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Duration timeout;

    EvaluationTopic(KafkaClientSettings kafka, Duration timeout) {
        Map<String, Object> config = kafka.forClient(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.timeout = timeout;
    }

    /**
     * Hands every evaluation not read before, up to the topic's end as of this call, to {@code reader}.
     *
     * @throws org.apache.kafka.common.KafkaException when the broker did not answer within the timeout
     */
    void readToEnd(Consumer<EvaluationEvent> reader) {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVALUATIONS, timeout).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        if (!consumer.assignment().containsAll(partitions)) {
            // partitions already assigned keep their position; new ones start at the beginning
            consumer.assign(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        Instant deadline = Instant.now().plus(timeout);
        while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("reading " + Topics.EVALUATIONS
                        + " to its end took longer than " + timeout);
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                read(record, reader);
            }
        }
    }

    private static void read(ConsumerRecord<String, byte[]> record, Consumer<EvaluationEvent> reader) {
        try {
            reader.accept(EventJson.read(record.value(), EvaluationEvent.class));
        } catch (UncheckedIOException | IllegalArgumentException e) {
            LOG.warnf("passing over %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
