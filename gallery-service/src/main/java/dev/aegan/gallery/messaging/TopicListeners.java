package dev.aegan.gallery.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.DeadLetterHeaders;
import dev.aegan.contracts.IngestHeaders;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.StudyEvent;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.contracts.replay.AppliedOffsets;
import dev.aegan.gallery.render.RenderQueue;
import dev.aegan.gallery.state.GalleryState;
import dev.aegan.gallery.state.StudyBoard;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every topic the page shows, read from its beginning on each start by consumer groups of this
 * instance's own (nothing is committed), so the state is rebuilt after a restart. Each record is
 * applied once: a rebalance sends such a group back to the beginning of its topics, and the records
 * it delivers again are passed over ({@link AppliedOffsets}). A record that cannot be read is
 * logged, counted ({@code aegan_gallery_unreadable_records_total{topic}}) and passed over: the
 * gallery only shows what other services own.
 */
@ApplicationScoped
public class TopicListeners {
    private static final Logger LOG = Logger.getLogger(TopicListeners.class);

    private final GalleryState state;
    private final StudyBoard studies;
    private final RenderQueue renders;
    private final MeterRegistry meters;
    private final AppliedOffsets applied;

    TopicListeners(GalleryState state, StudyBoard studies, RenderQueue renders, MeterRegistry meters,
                   @Readiness ReplayProgress progress) {
        this.applied = progress.applied();
        this.state = state;
        this.studies = studies;
        this.renders = renders;
        this.meters = meters;
    }

    @Incoming(Channels.DATASET_EVENTS_IN)
    public CompletionStage<Void> onDatasetEvent(Message<DatasetEvent> message) {
        return handle(message, e -> e.dataset() != null, event -> {
            state.onDatasetEvent(event);
            renders.prepare(event);
        });
    }

    @Incoming(Channels.INGEST_DEAD_LETTER_IN)
    public CompletionStage<Void> onRejectedImage(Message<byte[]> message) {
        if (!firstDelivery(message)) {
            return message.ack();
        }
        Optional<Headers> headers = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(IncomingKafkaRecordMetadata::getHeaders);
        state.onRejected(headers.map(h -> text(h, IngestHeaders.DATASET)).orElse(null),
                headers.map(h -> text(h, DeadLetterHeaders.REASON_CODE)).orElse(null),
                headers.map(h -> text(h, DeadLetterHeaders.REASON)).orElse(null));
        return message.ack();
    }

    @Incoming(Channels.RUN_EVENTS_IN)
    public CompletionStage<Void> onRunEvent(Message<RunEvent> message) {
        return handle(message, e -> e.runId() != null && e.state() != null, event -> {
            state.onRunEvent(event);
            studies.onRunChanged(event.runId());
        });
    }

    @Incoming(Channels.TRAINING_METRICS_IN)
    public CompletionStage<Void> onTrainingMetric(Message<TrainingMetricEvent> message) {
        return handle(message, e -> e.runId() != null, state::onMetric);
    }

    @Incoming(Channels.CHECKPOINTS_IN)
    public CompletionStage<Void> onCheckpoint(Message<CheckpointEvent> message) {
        return handle(message, e -> e.runId() != null && e.spec() != null && e.objects() != null, event -> {
            if (state.onCheckpoint(event)) {
                renders.submit(event);
            }
        });
    }

    @Incoming(Channels.EVALUATIONS_IN)
    public CompletionStage<Void> onEvaluation(Message<EvaluationEvent> message) {
        return handle(message, e -> e.runId() != null && e.metric() != null && Double.isFinite(e.value()),
                event -> {
                    state.onEvaluation(event);
                    studies.onRunChanged(event.runId());
                });
    }

    @Incoming(Channels.STUDY_EVENTS_IN)
    public CompletionStage<Void> onStudyEvent(Message<StudyEvent> message) {
        return handle(message, e -> e.study() != null && e.state() != null, studies::onStudyEvent);
    }

    private <T> CompletionStage<Void> handle(Message<T> message, Predicate<T> usable,
                                             Consumer<T> effect) {
        if (!firstDelivery(message)) {
            return message.ack();
        }
        T payload = message.getPayload();
        if (payload != null && usable.test(payload)) {
            effect.accept(payload);
        } else {
            String origin = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(m -> m.getTopic() + "-" + m.getPartition() + "@" + m.getOffset())
                    .orElse("unknown record");
            LOG.warnf("passing over %s: not a readable event (%s)", origin, payload);
            meters.counter("aegan.gallery.unreadable.records", "topic", message.getMetadata(
                    IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic).orElse("unknown"))
                    .increment();
        }
        return message.ack();
    }

    private boolean firstDelivery(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> applied.claim(m.getTopic(), m.getPartition(), m.getOffset()))
                .orElse(true);
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
