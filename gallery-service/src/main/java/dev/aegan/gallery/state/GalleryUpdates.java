package dev.aegan.gallery.state;

import dev.aegan.gallery.domain.GalleryEvent;
import dev.aegan.gallery.domain.StreamEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.Flow;

/**
 * Fans every state change out to the open {@code /api/stream} connections. Changes come from
 * several consumer threads and the renderer, so they enter through a serializing front.
 */
@ApplicationScoped
public class GalleryUpdates {
    private final BroadcastProcessor<StreamEvent> broadcast = BroadcastProcessor.create();
    private final Flow.Processor<StreamEvent, StreamEvent> entry = broadcast.serialized();

    void publish(GalleryEvent type, Object data) {
        entry.onNext(new StreamEvent(type, data));
    }

    /** Changes from the moment of subscription on. */
    public Multi<StreamEvent> stream() {
        return broadcast;
    }
}
