package dev.aegan.trainer.runs;

import dev.aegan.contracts.events.RunSpec;
import dev.aegan.trainer.training.TrainerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The runs this replica is training right now, and the partitions of runs.requests it owns: a
 * request from a partition this replica no longer owns is left to the new owner.
 */
@ApplicationScoped
public class ActiveRuns {
    private final Map<String, RunHandle> runs = new ConcurrentHashMap<>();
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private final Duration releaseTimeout;
    private volatile boolean closing;

    ActiveRuns(TrainerSettings settings, MeterRegistry meters) {
        this.releaseTimeout = settings.releaseTimeout();
        meters.gauge("aegan.trainer.active.runs", runs, Map::size);
    }

    /**
     * A run starting now, or empty when this replica already trains it (the same request delivered
     * twice). A run that starts while the replica shuts down is told to let go at once.
     */
    public Optional<RunHandle> start(RunSpec spec, TopicPartition source, String device) {
        RunHandle handle = new RunHandle(spec, source, device);
        if (runs.putIfAbsent(spec.runId(), handle) != null) {
            return Optional.empty();
        }
        if (closing) {
            handle.interrupt(RunHandle.Interruption.RELEASE);
        }
        return Optional.of(handle);
    }

    /** True once the replica started shutting down: no new run should start. */
    public boolean closing() {
        return closing;
    }

    public void end(RunHandle handle) {
        runs.remove(handle.spec().runId(), handle);
        handle.markEnded();
    }

    public Optional<RunHandle> get(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    public Collection<RunHandle> all() {
        return List.copyOf(runs.values());
    }

    public boolean owns(TopicPartition partition) {
        return owned.contains(partition);
    }

    public void assigned(Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
    }

    /**
     * Lets go of the partitions and waits (up to the release timeout) until the runs that came
     * from them have checkpointed and left their loop, so the next owner resumes from that
     * checkpoint instead of training the same steps alongside.
     */
    public void revoked(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
        release(all().stream().filter(run -> partitions.contains(run.source())).toList());
    }

    /** Asks every run to checkpoint and let go; waits for them up to the release timeout. */
    public void releaseAll() {
        closing = true;
        release(List.copyOf(runs.values()));
    }

    private void release(List<RunHandle> handles) {
        handles.forEach(run -> run.interrupt(RunHandle.Interruption.RELEASE));
        Instant deadline = Instant.now().plus(releaseTimeout);
        for (RunHandle run : handles) {
            try {
                long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                if (!run.awaitEnd(left, TimeUnit.MILLISECONDS)) {
                    Log.warnf("run %s did not checkpoint within %s; its next owner resumes from an older checkpoint",
                            run.spec().runId(), releaseTimeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
