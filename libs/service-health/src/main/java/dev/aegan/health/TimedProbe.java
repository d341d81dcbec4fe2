package dev.aegan.health;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A readiness probe of a remote server that answers within a bounded time whatever the server
 * does. A frozen server keeps TCP connections open and lets client calls hang for minutes, so a
 * probe that only looks at connection state, or waits for the client's own timeout, reports ready
 * while nothing works. Here the call runs on a thread of its own; no answer within the timeout
 * is "down", and while that call still hangs, later probes report down at once instead of piling
 * up further calls.
 */
public final class TimedProbe implements AutoCloseable {
    private final String name;
    private final Callable<String> check;
    private final Duration timeout;
    private final ExecutorService thread;
    private Future<String> pending;

    /**
     * @param check returns a short description of what answered (shown in the health data), or
     *              throws when the server refused
     */
    public TimedProbe(String name, Callable<String> check, Duration timeout) {
        this.name = name;
        this.check = check;
        this.timeout = timeout;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread probe = new Thread(runnable, "readiness-" + name);
            probe.setDaemon(true);
            return probe;
        });
    }

    public synchronized HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name);
        boolean stillHanging = pending != null && !pending.isDone();
        if (!stillHanging) {
            pending = thread.submit(check);
        }
        try {
            String answer = pending.get(stillHanging ? 0 : timeout.toMillis(), TimeUnit.MILLISECONDS);
            return response.up().withData("answer", answer).build();
        } catch (TimeoutException e) {
            return response.down().withData("reason", (stillHanging ? "an earlier probe is still waiting; " : "")
                    + "no answer within " + timeout).build();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return response.down().withData("reason", cause.getClass().getSimpleName() + ": " + cause.getMessage())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return response.down().withData("reason", "interrupted").build();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
