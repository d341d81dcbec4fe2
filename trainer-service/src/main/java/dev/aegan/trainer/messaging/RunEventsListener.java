package dev.aegan.trainer.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.trainer.runs.RunBoard;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Feeds {@link RunBoard} from runs.events. Every replica reads the whole topic from the beginning
 * in a consumer group of its own, so GET /runs answers for runs trained anywhere.
 */
@ApplicationScoped
public class RunEventsListener {
    private final RunBoard board;

    RunEventsListener(RunBoard board) {
        this.board = board;
    }

    @Incoming(Channels.RUN_EVENTS_IN)
    public CompletionStage<Void> onEvent(Message<RunEvent> record) {
        RunEvent event = record.getPayload();
        // Records other producers wrote that do not parse arrive as null (fail-on-deserialization-failure=false).
        if (event != null && event.runId() != null && event.state() != null) {
            board.apply(event);
        }
        record.getMetadata(IncomingKafkaRecordMetadata.class)
                .ifPresent(kafka -> board.read(kafka.getPartition(), kafka.getOffset()));
        return record.ack();
    }
}
