package dev.aegan.ingest.endpoint;

import dev.aegan.contracts.ErrorBody;
import dev.aegan.contracts.RejectionCode;
import dev.aegan.ingest.IngestConfig;
import dev.aegan.rest.TransportErrors;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;

/**
 * Refuses uploads whose declared length is over {@code aegan.ingest.max-upload-bytes} before any
 * byte is buffered, with the same JSON error as every other refusal ({@link TransportErrors#refuse}:
 * a body sent anyway is discarded up to twice the limit before the answer), and a multipart upload whose
 * Content-Type names no boundary. Bodies without
 * a declared length (chunked) are counted by {@link BodySpool} as they are read.
 */
@ApplicationScoped
public class UploadSizeLimit {
    @Inject
    IngestConfig config;

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/datasets/*")
                .order(RouteConstants.ROUTE_ORDER_BODY_HANDLER - 1)
                .handler(this::check);
    }

    private void check(RoutingContext context) {
        long limit = config.maxUploadBytes().asLongValue();
        String boundaryProblem = boundaryProblem(context.request().getHeader(HttpHeaders.CONTENT_TYPE));
        if (boundaryProblem != null) {
            TransportErrors.refuse(context, 400, new ErrorBody(MultipartBodies.CODE, boundaryProblem), 2 * limit);
            return;
        }
        long declared = TransportErrors.declaredLength(context.request());
        if (declared <= limit) {
            context.next();
            return;
        }
        TransportErrors.refuse(context, 413, new ErrorBody(RejectionCode.UPLOAD_TOO_LARGE.name(), "the upload declares "
                + declared + " bytes, more than the limit of " + limit + " bytes (aegan.ingest.max-upload-bytes)"),
                2 * limit);
    }

    /** The server's own multipart parser fails on an empty boundary before the endpoint could say why. */
    private static String boundaryProblem(String contentType) {
        try {
            return contentType != null && MultipartBodies.isMultipart(MediaType.valueOf(contentType))
                    ? MultipartBodies.boundaryProblem(contentType) : null;
        } catch (IllegalArgumentException unparsable) {
            return null; // the REST layer refuses it
        }
    }
}
