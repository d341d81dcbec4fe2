package dev.aegan.gallery.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * A run's training speed in steps per second of wall-clock time, measured from the steps its metric
 * events report and the times they carry (so a replay at start measures the same as it did live). It
 * spans the last {@value #WINDOW} reports: recent enough to follow a change of speed, long enough to
 * smooth single steps. A step not after the last one (a trainer resumed from a checkpoint reports its
 * steps again) starts the measurement afresh, so the pause of a restart is not counted as slow training.
 */
final class StepRate {
    static final int WINDOW = 64;

    private record Report(long step, Instant at) {
    }

    private final ArrayDeque<Report> reports = new ArrayDeque<>();

    void add(long step, Instant at) {
        if (at == null) {
            return;
        }
        Report last = reports.peekLast();
        if (last != null && step <= last.step()) {
            restart();
        }
        reports.addLast(new Report(step, at));
        if (reports.size() > WINDOW) {
            reports.removeFirst();
        }
    }

    /** Forgets what was measured: the run restarted (resumed), and its pause is no training speed. */
    void restart() {
        reports.clear();
    }

    /** Steps per second over the window; null until two reports some time apart were seen. */
    Double stepsPerSecond() {
        if (reports.size() < 2) {
            return null;
        }
        Report first = reports.peekFirst();
        Report last = reports.peekLast();
        double seconds = Duration.between(first.at(), last.at()).toNanos() / 1e9;
        return seconds > 0 ? (last.step() - first.step()) / seconds : null;
    }
}
