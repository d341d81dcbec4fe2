package dev.aegan.judging.backlog;

import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.JudgingLag;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicReader;
import dev.aegan.judging.CheckpointJudge;
import dev.aegan.judging.JudgingConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the checkpoints topic holds beyond the record being judged, read to its end on each
 * question (committed records only, no consumer group: it never takes part in the judging
 * group's rebalances nor commits anything). The records of a partition are judged in order, so
 * the checkpoints after the judged record in its partition are the ones still waiting; a run's
 * records share a partition (they are keyed by run id). Only checkpoints the judge is due to judge
 * count as waiting: one it passes over by its own settings supersedes nothing. One reader of its
 * own, made on first use.
 */
@ApplicationScoped
public class CheckpointBacklog {
    private final KafkaClientSettings kafka;
    private final CheckpointJudge judge;
    private final Duration timeout;
    /** Guarded by {@code this}, as is everything below. */
    private TopicReader<String> reader;
    /** Each partition's checkpoints in offset order, from the offset last asked about on. */
    private final Map<TopicPartition, List<Announced>> announced = new HashMap<>();
    private final Map<String, Long> newestStep = new HashMap<>();

    CheckpointBacklog(KafkaClientSettings kafka, CheckpointJudge judge, JudgingConfig config) {
        this.kafka = kafka;
        this.judge = judge;
        this.timeout = config.checkpointsReadTimeout();
    }

    private record Announced(long offset, PendingCheckpoint checkpoint) {
    }

    /**
     * The checkpoints announced after the record at {@code offset} of the partition, in order.
     *
     * @throws RuntimeException when the topic could not be read to its end in time
     */
    public synchronized List<PendingCheckpoint> behind(String topic, int partition, long offset) {
        readToEnd(topic);
        List<Announced> inPartition = announced.getOrDefault(new TopicPartition(topic, partition), new ArrayList<>());
        // records before this one are judged and committed: a rewind never goes back past them
        inPartition.removeIf(a -> a.offset() < offset);
        return inPartition.stream().filter(a -> a.offset() > offset).map(Announced::checkpoint).toList();
    }

    /**
     * How far the judgement of {@code judged}, published now, is behind the run's newest checkpoint.
     *
     * @throws RuntimeException when the topic could not be read to its end in time
     */
    public synchronized JudgingLag lagOf(String topic, CheckpointEvent judged) {
        readToEnd(topic);
        long newest = newestStep.getOrDefault(judged.runId(), judged.step());
        double seconds = judged.at() == null ? 0 : Duration.between(judged.at(), Instant.now()).toMillis() / 1000.0;
        return new JudgingLag(Math.max(0, newest - judged.step()), Math.max(0, seconds));
    }

    private void readToEnd(String topic) {
        if (reader == null) {
            reader = TopicReader.withTextKeys(kafka, topic, Map.of(), timeout);
        }
        reader.readToEnd(this::keep);
    }

    private void keep(ConsumerRecord<String, byte[]> record) {
        CheckpointEvent event;
        try {
            event = EventJson.read(record.value(), CheckpointEvent.class);
        } catch (UncheckedIOException | IllegalArgumentException e) {
            return; // the judging consumer skips it as malformed, with its reason
        }
        if (event == null || event.runId() == null || event.spec() == null) {
            return; // as malformed
        }
        newestStep.merge(event.runId(), event.step(), Math::max);
        if (judge.due(event)) {
            announced.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), p -> new ArrayList<>())
                    .add(new Announced(record.offset(), PendingCheckpoint.of(event)));
        }
    }

    @PreDestroy
    synchronized void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
