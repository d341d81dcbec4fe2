package dev.aegan.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One service started as its {@link ServiceLaunch} says, supervised: readiness, restarts after a
 * crash, stop and kill.
 */
public final class ServiceProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    /** Kubernetes' CrashLoopBackOff: 10 s after a crash, doubled for each further crash, at most 5 minutes... */
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** ...and forgotten once the process has run this long. */
    static final Duration STABLE_RUN = Duration.ofMinutes(10);

    private final ServiceLaunch launch;
    private Process process;
    /** Whether the process is meant to be down (stopped by {@link #stop}), so no crash to restart. */
    private boolean stopRequested;
    private Instant startedAt;
    /** Crashes since the process last ran for {@link #STABLE_RUN}. */
    private int consecutiveCrashes;
    private Instant restartAt;
    private int starts;

    ServiceProcess(ServiceLaunch launch) {
        this.launch = launch;
    }

    public Service service() {
        return launch.service();
    }

    public String url() {
        return launch.url();
    }

    public Path log() {
        return launch.log();
    }

    synchronized void start() {
        process = launch.start();
        stopRequested = false;
        startedAt = Instant.now();
        starts++;
    }

    /** Waits until the service answers its readiness check. */
    void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(launch.service().module() + " exited with code " + process.exitValue()
                        + " during start-up; see " + launch.log());
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(250);
        }
        throw new IllegalStateException(launch.service().module() + " not ready after " + timeout + "; see " + launch.log());
    }

    /** SIGKILL: the process gets no chance to clean up, as in a node failure. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /**
     * Restarts the process when it has exited without being {@link #stop stopped}, as Kubernetes
     * restarts a crashed container: called on every tick of the stack's supervisor, it waits
     * {@link #FIRST_BACKOFF} after a crash, twice as long after each further crash (at most
     * {@link #MAX_BACKOFF}), and counts from the start again once the process ran {@link #STABLE_RUN}.
     *
     * @return what it did, for the launcher's log, or null when nothing happened
     */
    synchronized String restartIfCrashed(Instant now) {
        if (process == null || process.isAlive() || stopRequested) {
            return null;
        }
        if (restartAt == null) {
            if (Duration.between(startedAt, now).compareTo(STABLE_RUN) >= 0) {
                consecutiveCrashes = 0;
            }
            Duration backoff = FIRST_BACKOFF.multipliedBy(1L << Math.min(consecutiveCrashes, 16));
            backoff = backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff;
            consecutiveCrashes++;
            restartAt = now.plus(backoff);
            return launch.service().module() + " exited with code " + process.exitValue() + "; restarting in "
                    + backoff.toSeconds() + " s (crash " + consecutiveCrashes + " in a row; log " + launch.log() + ")";
        }
        if (now.isBefore(restartAt)) {
            return null;
        }
        restartAt = null;
        start();
        return launch.service().module() + " restarted";
    }

    /** How often the process was started, restarts included. */
    synchronized int starts() {
        return starts;
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
    synchronized void stop(Duration grace) {
        stopRequested = true;
        restartAt = null;
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(grace)) {
                kill();
            }
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Resident memory of the process in MiB; -1 when it is not running. */
    public synchronized long residentMiB() {
        return process == null || !process.isAlive() ? -1 : ResidentMemory.mebibytes(process.pid());
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
