package dev.aegan.judging.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.replay.AppliedOffsets;
import dev.aegan.judging.heldout.HeldOutImages;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletionStage;

/**
 * Tells the held-out image cache which datasets exist and when they grow. Read from the beginning
 * by a group of this instance's own that commits nothing, so a rebalance delivers the topic again:
 * records already applied are passed over.
 */
@ApplicationScoped
public class DatasetEventListener {
    private final HeldOutImages heldOut;
    private final AppliedOffsets applied = new AppliedOffsets();

    DatasetEventListener(HeldOutImages heldOut) {
        this.heldOut = heldOut;
    }

    @Incoming(Channels.DATASET_EVENTS_IN)
    public CompletionStage<Void> onDatasetEvent(Message<DatasetEvent> message) {
        DatasetEvent event = message.getPayload();
        boolean firstDelivery = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> applied.claim(m.getTopic(), m.getPartition(), m.getOffset()))
                .orElse(true);
        if (firstDelivery && event != null && event.dataset() != null) {
            heldOut.onDatasetEvent(event);
        }
        return message.ack();
    }
}
