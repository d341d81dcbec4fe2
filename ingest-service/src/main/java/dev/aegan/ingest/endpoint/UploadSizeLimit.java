package dev.aegan.ingest.endpoint;

import dev.aegan.contracts.ErrorBody;
import dev.aegan.contracts.RejectionCode;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.ingest.IngestConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Refuses uploads whose declared length is over {@code aegan.ingest.max-upload-bytes} before any
 * byte is buffered, with the same JSON error as every other refusal (Quarkus' own limit answers
 * with an empty body). A client that sends its body anyway, without waiting for
 * {@code 100 Continue}, gets the answer once the discarded body is through, as it would not
 * read an answer while still writing; then the connection is closed. Bodies over twice the limit
 * are not waited for: the connection is closed once that much has been discarded. Bodies without
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

    private static byte[] tooLarge(String message) {
        return EventJson.write(new ErrorBody(RejectionCode.UPLOAD_TOO_LARGE.name(), message));
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        long limit = config.maxUploadBytes().asLongValue();
        long declared = declaredLength(request);
        if (declared <= limit) {
            context.next();
            return;
        }
        byte[] body = tooLarge("the upload declares " + declared + " bytes, more than the limit of " + limit
                + " bytes (aegan.ingest.max-upload-bytes)");
        boolean bodyWithheld = request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true);
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close");
        if (bodyWithheld) {
            context.response().end(Buffer.buffer(body))
                    .onComplete(done -> request.connection().close());
            return;
        }
        long[] discarded = {0};
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > 2 * limit) {
                request.connection().close();
            }
        });
        request.endHandler(end -> context.response().end(Buffer.buffer(body))
                .onComplete(done -> request.connection().close()));
        request.exceptionHandler(error -> request.connection().close());
        request.resume();
    }

    private static long declaredLength(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
