package dev.aegan.judging.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.judging.heldout.HeldOutImages;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Tells the held-out image cache which datasets exist and when they grow. */
@ApplicationScoped
public class DatasetEventListener {
    private final HeldOutImages heldOut;

    DatasetEventListener(HeldOutImages heldOut) {
        this.heldOut = heldOut;
    }

    @Incoming(Channels.DATASET_EVENTS_IN)
    public void onDatasetEvent(DatasetEvent event) {
        if (event != null && event.dataset() != null) {
            heldOut.onDatasetEvent(event);
        }
    }
}
