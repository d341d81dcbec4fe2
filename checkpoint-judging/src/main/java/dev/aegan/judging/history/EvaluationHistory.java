package dev.aegan.judging.history;

import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.judging.JudgingSettings;
import dev.aegan.judging.domain.SkippedCheckpoint;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * What this service has published, as read back from the evaluations topic (so it survives a
 * restart), and the checkpoints it skipped since it started. A checkpoint evaluated twice (a
 * redelivery after a crash between publishing and committing) is listed once, with its latest values.
 */
@ApplicationScoped
public class EvaluationHistory {
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::runId).thenComparingLong(Key::step)
            .thenComparing(Key::metric);

    private final Map<Key, EvaluationEvent> published = new ConcurrentSkipListMap<>(ORDER);
    private final Deque<SkippedCheckpoint> skipped = new ArrayDeque<>();
    private final int skippedLimit;
    private final String producer;

    EvaluationHistory(JudgingSettings settings) {
        this.skippedLimit = settings.skippedHistory();
        this.producer = settings.producer();
    }

    private record Key(String runId, long step, String metric) {
    }

    /** Keeps an event read from the topic if this service produced it. */
    public void onPublished(EvaluationEvent event) {
        if (producer.equals(event.producer()) && event.runId() != null && event.metric() != null) {
            published.put(new Key(event.runId(), event.step(), event.metric()), event);
        }
    }

    /** Every published evaluation of the run (all runs when {@code runId} is null), by run, step and metric. */
    public List<EvaluationEvent> published(String runId) {
        if (runId == null) {
            return List.copyOf(published.values());
        }
        return published.entrySet().stream()
                .filter(e -> e.getKey().runId().equals(runId))
                .map(Map.Entry::getValue)
                .toList();
    }

    public synchronized void onSkipped(SkippedCheckpoint checkpoint) {
        skipped.addFirst(checkpoint);
        while (skipped.size() > skippedLimit) {
            skipped.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<SkippedCheckpoint> skipped() {
        return new ArrayList<>(skipped);
    }
}
