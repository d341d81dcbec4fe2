package dev.aegan.trainer.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.trainer.training.TrainerSettings;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;

/**
 * Everything the trainer publishes, keyed by run id. Each method returns once the broker has
 * confirmed the record (acks=all), so a caller may act on it being durable, e.g. acknowledge the
 * run request only after the terminal RunEvent is out.
 */
@ApplicationScoped
public class TrainerEvents {
    private final MutinyEmitter<RunSpec> requests;
    private final MutinyEmitter<RunEvent> runEvents;
    private final MutinyEmitter<TrainingMetricEvent> metrics;
    private final MutinyEmitter<CheckpointEvent> checkpoints;
    private final Duration timeout;

    TrainerEvents(@Channel(Channels.RUN_REQUESTS_OUT) MutinyEmitter<RunSpec> requests,
                  @Channel(Channels.RUN_EVENTS_OUT) MutinyEmitter<RunEvent> runEvents,
                  @Channel(Channels.TRAINING_METRICS_OUT) MutinyEmitter<TrainingMetricEvent> metrics,
                  @Channel(Channels.CHECKPOINTS_OUT) MutinyEmitter<CheckpointEvent> checkpoints,
                  TrainerSettings settings) {
        this.requests = requests;
        this.runEvents = runEvents;
        this.metrics = metrics;
        this.checkpoints = checkpoints;
        this.timeout = settings.publishTimeout();
    }

    public void request(RunSpec spec) {
        send(requests, spec.runId(), spec);
    }

    public void runEvent(RunEvent event) {
        send(runEvents, event.runId(), event);
    }

    public void metrics(TrainingMetricEvent event) {
        send(metrics, event.runId(), event);
    }

    public void checkpoint(CheckpointEvent event) {
        send(checkpoints, event.runId(), event);
    }

    private <T> void send(MutinyEmitter<T> emitter, String key, T payload) {
        Message<T> message = Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
        emitter.sendMessage(message).await().atMost(timeout);
    }
}
