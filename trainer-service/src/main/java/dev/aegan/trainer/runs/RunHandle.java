package dev.aegan.trainer.runs;

import dev.aegan.contracts.events.RunSpec;
import dev.aegan.trainer.domain.RunView;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run this replica is training: its live progress, and the signal that asks its training loop
 * to end early. The loop reads the signal between steps.
 */
public final class RunHandle {

    /** Why a run should leave its training loop before its last step. */
    public enum Interruption {
        /** A user asked for a stop: checkpoint, end {@code stopped}, acknowledge the request. */
        STOP,
        /**
         * This replica is shutting down or lost the request's partition: checkpoint and let go
         * without a terminal state, so whoever gets the request next resumes from the checkpoint.
         */
        RELEASE
    }

    private final RunSpec spec;
    private final TopicPartition source;
    private final String device;
    private final Instant startedAt = Instant.now();
    private final AtomicReference<Interruption> interruption = new AtomicReference<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile long step;
    private volatile double imagesPerSecond;

    RunHandle(RunSpec spec, TopicPartition source, String device) {
        this.spec = spec;
        this.source = source;
        this.device = device;
    }

    public RunSpec spec() {
        return spec;
    }

    public TopicPartition source() {
        return source;
    }

    /** A release outranks a stop: a stop asked for while this replica goes away is acted on by the next owner. */
    public void interrupt(Interruption why) {
        interruption.accumulateAndGet(why, (current, next) ->
                current == Interruption.RELEASE || next == Interruption.RELEASE ? Interruption.RELEASE : next);
    }

    /** Null while the run should keep training. */
    public Interruption interruption() {
        return interruption.get();
    }

    public void progress(long completedSteps, double throughput) {
        this.step = completedSteps;
        this.imagesPerSecond = throughput;
    }

    public RunView.LiveProgress live() {
        return new RunView.LiveProgress(step, spec.steps(), imagesPerSecond, device, startedAt);
    }

    void markEnded() {
        ended.countDown();
    }

    boolean awaitEnd(long timeout, TimeUnit unit) throws InterruptedException {
        return ended.await(timeout, unit);
    }
}
