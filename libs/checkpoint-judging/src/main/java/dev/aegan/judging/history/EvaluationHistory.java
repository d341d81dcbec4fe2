package dev.aegan.judging.history;

import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.judging.CheckpointJudge;
import dev.aegan.judging.JudgingConfig;
import dev.aegan.judging.domain.SkippedCheckpoint;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What this service has published, as read back from the evaluations topic (so it survives a
 * restart and includes what other replicas of the service published), and the checkpoints it
 * skipped since it started. Every question first reads the topic up to its end at that moment, so
 * the answer covers every evaluation committed before it was asked.
 *
 * <p>An evaluation's identity is (run, step, metric) among this service's own (the metric name
 * carries its extractor); a later record of the same identity replaces the earlier one, so a
 * checkpoint evaluated twice (by a version of the service that published without transactions)
 * is listed once, with its latest values.
 */
@ApplicationScoped
public class EvaluationHistory {
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::runId).thenComparingLong(Key::step)
            .thenComparing(Key::metric);

    private final EvaluationTopic topic;
    private final String producer;
    /** Guarded by {@code this}, as is reading the topic. */
    private final TreeMap<Key, EvaluationEvent> published = new TreeMap<>(ORDER);
    /**
     * The metrics of checkpoints this instance committed and has not read back yet: the topic's
     * transaction markers are written just after the commit, and until then a reader does not see
     * the records. Guarded by {@code this}.
     */
    private final Map<Checkpoint, Set<String>> committedUnread = new HashMap<>();
    /** Guarded by itself. */
    private final Deque<SkippedCheckpoint> skipped = new ArrayDeque<>();
    private final int skippedLimit;

    EvaluationHistory(JudgingConfig config, CheckpointJudge judge, KafkaClientSettings kafka) {
        this.topic = new EvaluationTopic(kafka, config.evaluationsReadTimeout());
        this.producer = judge.producer();
        this.skippedLimit = config.skippedHistory();
    }

    private record Key(String runId, long step, String metric) {
    }

    private record Checkpoint(String runId, long step) {
    }

    /**
     * The metrics this service published for the checkpoint, as the topic holds them now; empty
     * when it never evaluated it.
     *
     * @throws org.apache.kafka.common.KafkaException when the topic could not be read to its end in time
     */
    public synchronized Set<String> publishedMetrics(String runId, long step) {
        readTopic();
        Set<String> metrics = new TreeSet<>(committedUnread.getOrDefault(new Checkpoint(runId, step), Set.of()));
        published.subMap(new Key(runId, step, ""), new Key(runId, step + 1, "")).keySet()
                .forEach(key -> metrics.add(key.metric()));
        return metrics;
    }

    /**
     * Every published evaluation of the run (all runs when {@code runId} is null), by run, step and metric.
     *
     * @throws org.apache.kafka.common.KafkaException when the topic could not be read to its end in time
     */
    public synchronized List<EvaluationEvent> published(String runId) {
        readTopic();
        return published.values().stream().filter(e -> runId == null || runId.equals(e.runId())).toList();
    }

    /** Notes evaluations this instance has just committed, which the topic may not show for a moment. */
    public synchronized void onCommitted(List<EvaluationEvent> events) {
        events.forEach(e -> committedUnread.computeIfAbsent(new Checkpoint(e.runId(), e.step()), c -> new TreeSet<>())
                .add(e.metric()));
    }

    public void onSkipped(SkippedCheckpoint checkpoint) {
        synchronized (skipped) {
            skipped.addFirst(checkpoint);
            while (skipped.size() > skippedLimit) {
                skipped.removeLast();
            }
        }
    }

    /** Newest first. */
    public List<SkippedCheckpoint> skipped() {
        synchronized (skipped) {
            return new ArrayList<>(skipped);
        }
    }

    private void readTopic() {
        topic.readToEnd(this::keep);
    }

    private void keep(EvaluationEvent event) {
        if (producer.equals(event.producer()) && event.runId() != null && event.metric() != null) {
            published.put(new Key(event.runId(), event.step(), event.metric()), event);
            // a checkpoint's evaluations are committed together, so all of them are read in this same pass
            committedUnread.remove(new Checkpoint(event.runId(), event.step()));
        }
    }

    @PreDestroy
    synchronized void close() {
        topic.close();
    }
}
