package dev.aegan.trainer.topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How far a reader of one topic got in each partition (the offset it reads next), for threads
 * that must not act before it has read past a given record.
 */
public final class ReadPositions {
    private final Map<Integer, Long> next = new HashMap<>();

    /** The reader will next read {@code offset} of {@code partition}: everything before it is read. */
    public synchronized void advance(int partition, long offset) {
        next.merge(partition, offset, Math::max);
        notifyAll();
    }

    /** Whether every partition in {@code ends} has been read up to (not including) its offset there. */
    public synchronized boolean reached(Map<Integer, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> next.getOrDefault(end.getKey(), 0L) >= end.getValue());
    }

    /** Waits until {@link #reached} holds; false when {@code timeout} passed first (or the thread was interrupted). */
    public synchronized boolean awaitReached(Map<Integer, Long> ends, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reached(ends)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
