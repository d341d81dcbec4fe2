package dev.aegan.ingest.endpoint;

import dev.aegan.contracts.ErrorBody;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.util.UUID;

/**
 * An upload that failed for a reason of the service's own (a spooled file it could not read): a
 * 500 whose error id is in the log with the stack trace. The server's default answer for I/O errors
 * gives an id that is logged nowhere, as it takes them for a client that went away.
 */
final class InternalErrors {
    private static final Logger LOG = Logger.getLogger(InternalErrors.class);

    private InternalErrors() {
    }

    static Response logged(Throwable error) {
        String id = UUID.randomUUID().toString();
        LOG.errorf(error, "upload failed, error id %s", id);
        return Response.status(500).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("INTERNAL_ERROR", "the upload failed (error id " + id + " in the service's log): "
                        + error.getMessage()))
                .build();
    }
}
