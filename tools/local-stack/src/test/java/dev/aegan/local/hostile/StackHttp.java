package dev.aegan.local.hostile;

import dev.aegan.infra.Await;
import dev.aegan.local.LocalStack;
import dev.aegan.local.Service;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Raw requests to the services of a local stack, sent as one of its callers. */
final class StackHttp {
    private final LocalStack stack;

    StackHttp(LocalStack stack) {
        this.stack = stack;
    }

    HttpAnswer send(Service service, Caller caller, String method, String path, Map<String, String> headers,
                    byte[] body) {
        Map<String, String> all = new LinkedHashMap<>();
        boolean ownAuthorization = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Authorization"));
        if (!ownAuthorization) {
            caller.authorization(stack.apiTokens()).ifPresent(value -> all.put("Authorization", value));
        }
        all.putAll(headers);
        return RawHttp.send(stack.url(service), method, path, all, body);
    }

    /**
     * Waits until {@code service} is ready: a bomb that took a service down (it exits on
     * OutOfMemoryError and the stack restarts it) must not be blamed on the cases after it.
     */
    void awaitReady(Service service, Duration patience) {
        Await.until(service.module() + " to be ready", patience, () -> {
            try {
                HttpAnswer answer = RawHttp.send(stack.url(service), "GET", "/q/health/ready", Map.of(), new byte[0]);
                return answer.status() == 200 ? answer : null;
            } catch (UncheckedIOException e) {
                return null;
            }
        });
    }
}
