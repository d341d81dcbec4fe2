package dev.aegan.gallery.endpoint;

import dev.aegan.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegan.gallery.GalleryConfig;
import dev.aegan.gallery.domain.GalleryEvent;
import dev.aegan.gallery.state.GalleryUpdates;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;

/**
 * Server-sent events of the types {@link GalleryEvent}: one per change, {@code hello} on connecting
 * and {@code ping} every {@code aegan.gallery.stream-heartbeat}. A client that falls
 * {@value #BUFFER} events behind is disconnected; browsers reconnect and re-read the REST API.
 */
@Path("/api/stream")
@RolesAllowed(Roles.READER)
public class StreamResource {
    static final int BUFFER = 10_000;

    @Inject
    GalleryUpdates updates;
    @Inject
    GalleryConfig config;
    @Inject
    ObjectMapper json;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Live changes: dataset, run, metric, checkpoint, images, evaluation, group events")
    public Multi<OutboundSseEvent> stream(@Context Sse sse) {
        Multi<OutboundSseEvent> hello = Multi.createFrom()
                .item(() -> event(sse, GalleryEvent.HELLO, Map.of("at", Instant.now())));
        Multi<OutboundSseEvent> changes = updates.stream().onOverflow().buffer(BUFFER)
                .map(change -> event(sse, change.type(), change.data()));
        Multi<OutboundSseEvent> pings = Multi.createFrom().ticks().every(config.streamHeartbeat())
                .map(tick -> event(sse, GalleryEvent.PING, Map.of()));
        return Multi.createBy().merging().streams(hello, changes, pings);
    }

    private OutboundSseEvent event(Sse sse, GalleryEvent type, Object data) {
        try {
            // JSON written here rather than by the event's media type: Quarkus REST would add a
            // non-standard "content-type:" line to every event for an explicit media type
            return sse.newEventBuilder().name(type.wireName()).data(String.class, json.writeValueAsString(data)).build();
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
