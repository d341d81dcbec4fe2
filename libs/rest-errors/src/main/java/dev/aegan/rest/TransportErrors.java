package dev.aegan.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.aegan.contracts.ErrorBody;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refusals that happen before a request reaches an endpoint, answered as JSON like every other
 * error: a URL over {@code aegan.http.max-url-length} (414 {@code URL_TOO_LONG}), a declared
 * body over {@code quarkus.http.limits.max-body-size} (413 {@code BODY_TOO_LARGE}, refused before a
 * byte of it is read), and any status the HTTP layer fails a request with on its own.
 *
 * <p>The HTTP server's own limits sit above these ({@code quarkus.http.limits.max-initial-line-length}
 * is raised to 64 KiB for that). Three refusals stay the server's bare status without a body, as the
 * HTTP codec and the REST layer answer them before any handler of ours runs: a request line over
 * 64 KiB (414), a request the codec cannot parse, such as a {@code Content-Length} that is negative,
 * not a number or given twice (400, {@code Connection: close}), and a chunked body without {@code Content-Length} that grows past the
 * limit (413).
 */
@ApplicationScoped
public class TransportErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int maxUrlLength;
    private final long maxBodyBytes;

    TransportErrors(@ConfigProperty(name = "aegan.http.max-url-length", defaultValue = "8192") int maxUrlLength,
                    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                    MemorySize maxBody) {
        this.maxUrlLength = maxUrlLength;
        this.maxBodyBytes = maxBody.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::checkLimits);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::answerAsJson);
    }

    private void checkLimits(RoutingContext context) {
        String uri = context.request().uri();
        if (uri.length() > maxUrlLength) {
            send(context, 414, "URL_TOO_LONG", "the URL has " + uri.length() + " characters; at most "
                    + maxUrlLength + " are accepted (aegan.http.max-url-length)");
            return;
        }
        long length = declaredLength(context.request());
        if (length > maxBodyBytes) {
            refuse(context, 413, new ErrorBody("BODY_TOO_LARGE", "the body declares " + length
                    + " bytes; this service takes at most " + maxBodyBytes + " (quarkus.http.limits.max-body-size)"),
                    2 * maxBodyBytes);
            return;
        }
        context.next();
    }

    private void answerAsJson(RoutingContext context) {
        if (context.response().headWritten() || context.failure() != null) {
            context.next();
            return;
        }
        int status = context.statusCode();
        String code = switch (status) {
            case 400 -> "BAD_REQUEST";
            case 413 -> "BODY_TOO_LARGE";
            case 414 -> "URL_TOO_LONG";
            case 431 -> "HEADERS_TOO_LARGE";
            default -> null;
        };
        if (code == null) {
            context.next();
            return;
        }
        try {
            context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(Buffer.buffer(JSON.writeValueAsBytes(new ErrorBody(code,
                            "the HTTP layer refused the request (" + status + ")"))));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void send(RoutingContext context, int status, String code, String message) {
        refuse(context, status, new ErrorBody(code, message), maxBodyBytes);
    }

    /**
     * Answers {@code status} with {@code error} before the request reaches an endpoint, then closes
     * the connection. A client that sends its body without waiting for {@code 100 Continue} reads
     * no answer while it is still writing, so the body is read and discarded first, up to
     * {@code discardAtMost} bytes; past that the connection is closed without an answer.
     */
    public static void refuse(RoutingContext context, int status, ErrorBody error, long discardAtMost) {
        Buffer body;
        try {
            body = Buffer.buffer(JSON.writeValueAsBytes(error));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpServerRequest request = context.request();
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CONNECTION, "close");
        boolean bodyWithheld = request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true);
        if (bodyWithheld || request.isEnded()) {
            context.response().end(body).onComplete(done -> request.connection().close());
            return;
        }
        long[] discarded = {0};
        request.handler(chunk -> {
            discarded[0] += chunk.length();
            if (discarded[0] > discardAtMost) {
                request.connection().close();
            }
        });
        request.endHandler(end -> context.response().end(body).onComplete(done -> request.connection().close()));
        request.exceptionHandler(failure -> request.connection().close());
        request.resume();
    }

    /**
     * The request's {@code Content-Length}; -1 when it has none (a chunked body). The HTTP codec has
     * already refused one that is not a single non-negative number.
     */
    public static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
