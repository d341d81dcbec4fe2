package dev.aegan.contracts.kafka;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads every partition of one topic from its beginning, without a consumer group and committing
 * nothing: a replay, not a subscription. Committed records only, unless the settings ask otherwise.
 * The one way the platform's services and tests read a topic to its end.
 */
public final class TopicReader<K> implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final Duration timeout;
    private final KafkaConsumer<K, byte[]> consumer;
    private final List<TopicPartition> partitions;

    /** A reader of records with text keys, the platform's. */
    public static TopicReader<String> withTextKeys(KafkaClientSettings kafka, String topic, Map<String, ?> consumerSettings,
                                                   Duration timeout) {
        return new TopicReader<>(kafka, topic, new StringDeserializer(), consumerSettings, timeout);
    }

    /**
     * @param keys             how record keys are read
     * @param consumerSettings the consumer's own properties on top of {@code kafka}'s (fetch sizes, client id, isolation)
     * @param timeout          how long a read to the end, and each broker request, may take
     */
    public TopicReader(KafkaClientSettings kafka, String topic, Deserializer<K> keys, Map<String, ?> consumerSettings,
                       Duration timeout) {
        this.topic = topic;
        this.timeout = timeout;
        Map<String, Object> settings = new HashMap<>(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        settings.putAll(consumerSettings);
        this.consumer = new KafkaConsumer<>(kafka.forClient(settings), keys, new ByteArrayDeserializer());
        try {
            this.partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        } catch (RuntimeException e) {
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            throw e;
        }
    }

    /** Every record of {@code topic} up to its end at the time of the call, handed to {@code each} in order within each partition. */
    public static void readToEnd(KafkaClientSettings kafka, String topic, Map<String, ?> consumerSettings, Duration timeout,
                                 Consumer<ConsumerRecord<String, byte[]>> each) {
        try (TopicReader<String> reader = withTextKeys(kafka, topic, consumerSettings, timeout)) {
            reader.readToEnd(each);
        }
    }

    /** The records {@link #readToEnd(KafkaClientSettings, String, Map, Duration, Consumer)} hands over, kept. */
    public static List<ConsumerRecord<String, byte[]>> records(KafkaClientSettings kafka, String topic,
                                                               Map<String, ?> consumerSettings, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        readToEnd(kafka, topic, consumerSettings, timeout, records::add);
        return records;
    }

    public List<TopicPartition> partitions() {
        return partitions;
    }

    /** Reads on from where this reader stands to where the topic ends now (for a read_committed reader, its last stable offsets). */
    public void readToEnd(Consumer<ConsumerRecord<K, byte[]>> each) {
        readTo(consumer.endOffsets(partitions, timeout), each);
    }

    /**
     * Reads on from where this reader stands until it stands at {@code end} in every partition.
     *
     * @throws IllegalStateException when that takes longer than the timeout
     */
    public void readTo(Map<TopicPartition, Long> end, Consumer<ConsumerRecord<K, byte[]>> each) {
        Instant deadline = Instant.now().plus(timeout);
        while (partitions.stream().anyMatch(partition -> consumer.position(partition, timeout) < end.get(partition))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("could not read " + topic + " to its end " + end + " within " + timeout);
            }
            consumer.poll(POLL).forEach(each);
        }
    }

    /** Hands over what one poll brings, waiting up to {@code wait} for it: for a reader that follows the topic. */
    public void poll(Duration wait, Consumer<ConsumerRecord<K, byte[]>> each) {
        consumer.poll(wait).forEach(each);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
