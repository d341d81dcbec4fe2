package dev.aegan.trainer.topics;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.StudyEvent;
import dev.aegan.contracts.events.StudyRequest;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.trainer.topics.RunRequestIndex.Position;
import dev.aegan.trainer.training.TrainerSettings;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Everything the trainer publishes, keyed by run id (study requests and events by study name). Each method returns once the broker has
 * confirmed the record (acks=all), so a caller may act on it being durable, e.g. acknowledge the
 * run request only after the terminal RunEvent is out.
 */
@ApplicationScoped
public class TrainerEvents {
    /** Raw JSON text: a request re-keyed by {@link #forward} goes out byte for byte as its sender wrote it. */
    @Inject
    @Channel(Channels.RUN_REQUESTS_OUT)
    MutinyEmitter<String> requests;
    @Inject
    @Channel(Channels.RUN_EVENTS_OUT)
    MutinyEmitter<RunEvent> runEvents;
    @Inject
    @Channel(Channels.TRAINING_METRICS_OUT)
    MutinyEmitter<TrainingMetricEvent> metrics;
    @Inject
    @Channel(Channels.CHECKPOINTS_OUT)
    MutinyEmitter<CheckpointEvent> checkpoints;
    @Inject
    @Channel(Channels.STUDY_REQUESTS_OUT)
    MutinyEmitter<StudyRequest> studyRequests;
    @Inject
    @Channel(Channels.STUDY_EVENTS_OUT)
    MutinyEmitter<StudyEvent> studyEvents;
    @Inject
    TrainerSettings settings;

    /** @return where the request landed on runs.requests */
    public Position request(RunSpec spec) {
        RecordMetadata at = send(requests, spec.runId(), EventJson.writeString(spec));
        return new Position(at.partition(), at.offset());
    }

    /** Puts a request that came without a key back on runs.requests, keyed by the run id its body names. */
    public void forward(String runId, String request) {
        send(requests, runId, request);
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

    public void studyRequest(String study, StudyRequest request) {
        send(studyRequests, study, request);
    }

    public void studyEvent(StudyEvent event) {
        send(studyEvents, event.study(), event);
    }

    /** @return the broker's answer, once it confirmed the record */
    private <T> RecordMetadata send(MutinyEmitter<T> emitter, String key, T payload) {
        OutgoingMessageMetadata<RecordMetadata> result = new OutgoingMessageMetadata<>();
        Message<T> message = Message.of(payload)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build())
                .addMetadata(result);
        emitter.sendMessage(message).await().atMost(settings.publishTimeout());
        return result.getResult();
    }
}
