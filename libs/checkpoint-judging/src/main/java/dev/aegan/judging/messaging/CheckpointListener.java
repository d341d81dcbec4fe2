package dev.aegan.judging.messaging;

import dev.aegan.checkpoints.UnreadableCheckpointException;
import dev.aegan.contracts.Channels;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.JudgingLag;
import dev.aegan.judging.CheckpointJudge;
import dev.aegan.judging.JudgingConfig;
import dev.aegan.judging.UnevaluableCheckpointException;
import dev.aegan.judging.backlog.BacklogPolicy;
import dev.aegan.judging.backlog.CheckpointBacklog;
import dev.aegan.judging.backlog.LagGauges;
import dev.aegan.judging.backlog.PendingCheckpoint;
import dev.aegan.judging.backlog.Verdict;
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
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Judges each checkpoint and publishes its evaluations exactly once per (run, step, metric, producer):
 *
 * <ul>
 * <li>The evaluations and the checkpoint record's offset are committed in one Kafka transaction
 * ({@link EvaluationPublisher}): a crash, a broker failure or a rebalance before the commit leaves
 * nothing visible and the record uncommitted, so it is judged again; once committed, the record is
 * never delivered to the group again. A rebalance aborts the transaction of a replica that lost the
 * partition while it was judging (a zombie), so two replicas never both publish.</li>
 * <li>The same checkpoint may still arrive in two records (a resumed trainer announces its resume
 * checkpoint again): before judging, the evaluations topic is read to its end, committed records
 * only ({@link EvaluationHistory}), and a checkpoint this service already has evaluations of is
 * not judged again. All of a checkpoint's evaluations go out in one transaction, so any means all.</li>
 * </ul>
 *
 * <p>A checkpoint is never retried forever: one that can never be evaluated (see {@link SkipReason})
 * is skipped at once; one whose evaluation fails otherwise is tried {@code attempts} times with a
 * doubling pause, then skipped. Skipping publishes nothing, logs a warning, counts
 * {@code aegan_judging_checkpoints_skipped_total{reason}} and lists the checkpoint under
 * {@code GET /evaluations/skipped}; its offset is committed like any other, and the next record is read.
 *
 * <p>A judge slower than the trainer keeps up by passing over stale checkpoints ({@link BacklogPolicy}):
 * before judging, the checkpoints topic is read to its end ({@link CheckpointBacklog}), and a checkpoint
 * with newer ones of its run waiting behind it is skipped as {@link SkipReason#SUPERSEDED}, its offset
 * committed as for any skip. Every published evaluation carries how far behind the trainer the judge was
 * ({@link JudgingLag}), also the gauges {@code aegan_judging_lag_steps} and {@code aegan_judging_lag_seconds}.
 */
@ApplicationScoped
public class CheckpointListener {
    private static final Logger LOG = Logger.getLogger(CheckpointListener.class);

    private final CheckpointJudge judge;
    private final EvaluationPublisher publisher;
    private final EvaluationHistory history;
    private final CheckpointBacklog backlog;
    private final BacklogPolicy policy;
    private final JudgingConfig config;
    private final MeterRegistry meters;
    private final Timer evaluationTime;
    private final LagGauges lagGauges;

    CheckpointListener(CheckpointJudge judge, EvaluationPublisher publisher, EvaluationHistory history,
                       CheckpointBacklog backlog, JudgingConfig config, MeterRegistry meters) {
        this.judge = judge;
        this.publisher = publisher;
        this.history = history;
        this.backlog = backlog;
        this.policy = new BacklogPolicy(config.supersededAfter());
        this.config = config;
        this.meters = meters;
        this.lagGauges = new LagGauges(meters);
        this.evaluationTime = Timer.builder("aegan.judging.evaluation")
                .description("Time to judge one checkpoint")
                .register(meters);
    }

    /** What became of one checkpoint record. */
    private sealed interface Outcome permits Judged, Skipped, JudgedBefore {
    }

    /** Evaluations as published, each carrying the judge's lag (absent when it could not be learnt). */
    private record Judged(List<EvaluationEvent> evaluations) implements Outcome {
    }

    private record Skipped(SkipReason reason, String message) implements Outcome {
    }

    private record JudgedBefore(Set<String> metrics) implements Outcome {
    }

    @Incoming(Channels.CHECKPOINTS_IN)
    @Blocking
    public CompletionStage<Void> onCheckpoint(Message<CheckpointEvent> message) {
        CheckpointEvent event = message.getPayload();
        String problem = malformation(event);
        Outcome outcome = problem != null
                ? new Skipped(SkipReason.MALFORMED_EVENT, problem + " (" + origin(message) + ")")
                : judge(event, record(message));
        List<EvaluationEvent> evaluations = outcome instanceof Judged judged ? judged.evaluations() : List.of();
        try {
            publisher.publishConsumed(message, evaluations);
        } catch (RuntimeException e) {
            LOG.warnf(e, "the transaction of checkpoint %s was not committed, nothing of it is visible; the record "
                    + "will be read again from the last committed offset", name(event));
            meters.counter("aegan.judging.transactions.aborted").increment();
            return message.ack();
        }
        committed(event, outcome);
        return message.ack();
    }

    private Outcome judge(CheckpointEvent event, IncomingKafkaRecordMetadata<?, ?> record) {
        Duration pause = config.retryBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                if (policy.verdict(PendingCheckpoint.of(event), backlog.behind(record.getTopic(), record.getPartition(),
                        record.getOffset())) instanceof Verdict.Supersede superseded) {
                    return new Skipped(SkipReason.SUPERSEDED, superseded.message());
                }
                Set<String> before = history.publishedMetrics(event.runId(), event.step());
                if (!before.isEmpty()) {
                    return new JudgedBefore(before);
                }
                LOG.infof("judging checkpoint %s (try %d)", name(event), attempt);
                List<EvaluationEvent> evaluations = evaluationTime.record(() -> judge.judge(event));
                return new Judged(withLag(event, record, evaluations));
            } catch (UnevaluableCheckpointException e) {
                return new Skipped(e.reason(), e.getMessage());
            } catch (UnreadableCheckpointException e) {
                return new Skipped(SkipReason.valueOf(e.problem().name()), e.getMessage());
            } catch (RuntimeException e) {
                if (attempt >= config.attempts()) {
                    return new Skipped(SkipReason.EVALUATION_FAILED, "failed " + attempt + " times, last: " + e);
                }
                LOG.warnf(e, "evaluating checkpoint %s failed (try %d of %d); trying again in %s",
                        name(event), attempt, config.attempts(), pause);
                if (!sleep(pause)) {
                    return new Skipped(SkipReason.EVALUATION_FAILED,
                            "interrupted while waiting to try again after: " + e);
                }
                pause = pause.multipliedBy(2);
            }
        }
    }

    private List<EvaluationEvent> withLag(CheckpointEvent event, IncomingKafkaRecordMetadata<?, ?> record,
                                          List<EvaluationEvent> evaluations) {
        JudgingLag behind;
        try {
            behind = backlog.lagOf(record.getTopic(), event);
        } catch (RuntimeException e) {
            LOG.warnf(e, "the evaluations of checkpoint %s go out without the judge's lag: the checkpoints topic could "
                    + "not be read", name(event));
            return evaluations;
        }
        return evaluations.stream().map(e -> e.withLag(behind)).toList();
    }

    private void committed(CheckpointEvent event, Outcome outcome) {
        if (outcome instanceof Judged judged) {
            judged.evaluations().stream().map(EvaluationEvent::lag).filter(Objects::nonNull).findFirst()
                    .ifPresent(lagGauges::record);
            history.onCommitted(judged.evaluations());
            meters.counter("aegan.judging.checkpoints.evaluated").increment();
            LOG.infof("evaluated checkpoint %s: %s", name(event), judged.evaluations().stream()
                    .map(e -> e.metric() + "=" + e.value()).toList());
        } else if (outcome instanceof JudgedBefore before) {
            meters.counter("aegan.judging.checkpoints.repeated").increment();
            LOG.infof("checkpoint %s arrived again; it was evaluated before (%s), so it is not judged again",
                    name(event), before.metrics());
        } else if (outcome instanceof Skipped skip) {
            LOG.warnf("skipped checkpoint %s, no evaluation published: %s: %s", name(event), skip.reason(),
                    skip.message());
            meters.counter("aegan.judging.checkpoints.skipped", "reason", skip.reason().name()).increment();
            history.onSkipped(new SkippedCheckpoint(event == null ? null : event.runId(),
                    event == null ? -1 : event.step(), skip.reason(), skip.message(), Instant.now()));
        }
    }

    private static String name(CheckpointEvent event) {
        return event == null ? "(unreadable)" : event.runId() + "@" + event.step();
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
        IncomingKafkaRecordMetadata<?, ?> m = record(message);
        return "record " + m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset() + " key " + m.getKey();
    }

    private static IncomingKafkaRecordMetadata<?, ?> record(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalArgumentException("not a Kafka record: " + message));
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
