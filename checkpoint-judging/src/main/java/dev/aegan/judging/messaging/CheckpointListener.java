package dev.aegan.judging.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.judging.CheckpointJudge;
import dev.aegan.judging.JudgingSettings;
import dev.aegan.judging.UnevaluableCheckpointException;
import dev.aegan.judging.domain.SkipReason;
import dev.aegan.judging.domain.SkippedCheckpoint;
import dev.aegan.judging.history.EvaluationHistory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Evaluates each checkpoint and acknowledges its record only once the evaluations are acknowledged
 * by the broker, so a crash in between makes the checkpoint be evaluated again (at least once).
 *
 * <p>A checkpoint is never retried forever: one that can never be evaluated (see {@link SkipReason})
 * is skipped at once; one whose evaluation fails otherwise is tried {@code attempts}
 * times with a doubling pause, then skipped. Skipping publishes nothing, logs a warning, counts
 * {@code aegan_judging_checkpoints_skipped_total{reason}} and lists the checkpoint under
 * {@code GET /evaluations/skipped}; then the record is acknowledged and the next one is read.
 */
@ApplicationScoped
public class CheckpointListener {
    private static final Logger LOG = Logger.getLogger(CheckpointListener.class);

    private final CheckpointJudge judge;
    private final EvaluationPublisher publisher;
    private final EvaluationHistory history;
    private final JudgingSettings settings;
    private final MeterRegistry meters;
    private final Timer evaluationTime;

    CheckpointListener(CheckpointJudge judge, EvaluationPublisher publisher, EvaluationHistory history,
                       JudgingSettings settings, MeterRegistry meters) {
        this.judge = judge;
        this.publisher = publisher;
        this.history = history;
        this.settings = settings;
        this.meters = meters;
        this.evaluationTime = Timer.builder("aegan.judging.evaluation")
                .description("Time to judge one checkpoint and publish its evaluations")
                .register(meters);
    }

    @Incoming(Channels.CHECKPOINTS_IN)
    @Blocking
    public CompletionStage<Void> onCheckpoint(Message<CheckpointEvent> message) {
        CheckpointEvent event = message.getPayload();
        String problem = malformation(event);
        if (problem != null) {
            skip(event, SkipReason.MALFORMED_EVENT, problem + " (" + origin(message) + ")");
        } else {
            evaluationTime.record(() -> evaluateAndPublish(event));
        }
        return message.ack();
    }

    private void evaluateAndPublish(CheckpointEvent event) {
        Duration pause = settings.retryBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                List<EvaluationEvent> evaluations = judge.judge(event);
                publisher.publish(evaluations);
                meters.counter("aegan.judging.checkpoints.evaluated").increment();
                LOG.infof("evaluated checkpoint %s@%d: %s", event.runId(), event.step(), evaluations.stream()
                        .map(e -> e.metric() + "=" + e.value()).toList());
                return;
            } catch (UnevaluableCheckpointException e) {
                skip(event, e.reason(), e.getMessage());
                return;
            } catch (RuntimeException e) {
                if (attempt >= settings.attempts()) {
                    skip(event, SkipReason.EVALUATION_FAILED, "failed " + attempt + " times, last: " + e);
                    return;
                }
                LOG.warnf(e, "evaluating checkpoint %s@%d failed (try %d of %d); trying again in %s",
                        event.runId(), event.step(), attempt, settings.attempts(), pause);
                if (!sleep(pause)) {
                    skip(event, SkipReason.EVALUATION_FAILED, "interrupted while waiting to try again after: " + e);
                    return;
                }
                pause = pause.multipliedBy(2);
            }
        }
    }

    private void skip(CheckpointEvent event, SkipReason reason, String message) {
        String runId = event == null ? null : event.runId();
        long step = event == null ? -1 : event.step();
        LOG.warnf("skipping checkpoint %s@%d, no evaluation published: %s: %s", runId, step, reason, message);
        meters.counter("aegan.judging.checkpoints.skipped", "reason", reason.name()).increment();
        history.onSkipped(new SkippedCheckpoint(runId, step, reason, message, Instant.now()));
    }

    private static String malformation(CheckpointEvent event) {
        if (event == null) {
            return "the record is not a readable checkpoint event";
        }
        if (event.runId() == null || event.runId().isBlank()) {
            return "the event has no runId";
        }
        if (event.spec() == null || event.spec().dataset() == null) {
            return "the event has no spec naming the dataset";
        }
        if (event.bucket() == null || event.objects() == null || event.objects().isEmpty()) {
            return "the event names no bucket or no objects";
        }
        return null;
    }

    private static String origin(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> "record " + m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset() + " key " + m.getKey())
                .orElse("record of unknown origin");
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
