package dev.aegan.trainer.runs;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.trainer.topics.RunRequestIndex;
import dev.aegan.trainer.topics.RunRequestIndex.FirstRequest;
import dev.aegan.trainer.topics.TrainerEvents;
import dev.aegan.trainer.store.RunStore;
import dev.aegan.trainer.training.TrainerSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Publishes the {@code queued} event of each run waiting on the partitions of runs.requests this
 * replica owns in the trainers' group: for every request that is the first of its run id, valid,
 * and not started before (no spec or end marker in S3).
 *
 * <p>Why the owner and not POST /runs: the replica that will train a run is then the only one that
 * announces it, so its {@code queued} precedes its {@code running} on runs.events without any
 * timing assumption ({@link #beforeStart} runs under the same lock as every announcement). A
 * replica that accepted a POST cannot know it will not be overtaken by the trainer, nor can a
 * trainer know whether a replica that accepted a POST and went silent will still announce it.
 * Announcing happens as soon as the index reads the request, so a run waiting for a free trainer
 * shows as queued on every replica and in the gallery; requests produced straight onto the topic
 * get their {@code queued} event the same way.
 *
 * <p>When a partition moves, the old owner finishes any announcement in flight before it lets go
 * ({@link #revoked}), and the new owner reads runs.events up to its end before it announces
 * anything ({@link #assigned}), so it sees what the old owner announced and does not repeat it.
 */
@ApplicationScoped
public class QueuedAnnouncer {
    /** Owned partitions, each with the first offset the work consumer had not acknowledged when it got the partition. */
    private final Map<TopicPartition, Long> owned = new ConcurrentHashMap<>();
    @Inject
    RunRequestIndex index;
    @Inject
    RunBoard board;
    @Inject
    RunSpecValidator validator;
    @Inject
    RunStore store;
    @Inject
    TrainerEvents events;
    @Inject
    TrainerSettings settings;
    private final ExecutorService announcing = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "queued-announcer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * The work consumer got these partitions, to read from the given offsets; {@code runEventsEnd}
     * are the end offsets of runs.events now. Called before any of their records reach it.
     */
    public void assigned(Map<TopicPartition, Long> from, Map<Integer, Long> runEventsEnd) {
        if (!board.awaitRead(runEventsEnd, settings.queueConfirmTimeout())) {
            Log.warnf("%s was not read to its end within %s; a run that the previous owner of %s announced may be "
                    + "announced queued again", Topics.RUN_EVENTS, settings.queueConfirmTimeout(), from.keySet());
        }
        owned.putAll(from);
        // Requests the index reads from now on are announced as it reads them; these it had read already.
        from.forEach((partition, offset) -> index.firstsIn(partition.partition(), offset).forEach(this::announceLater));
    }

    /** Returns once no announcement for these partitions is in flight; none starts after. */
    public synchronized void revoked(Collection<TopicPartition> partitions) {
        owned.keySet().removeAll(partitions);
    }

    void discovered(@Observes FirstRequest request) {
        announceLater(request);
    }

    /**
     * Makes sure the run's {@code queued} is out before the work consumer publishes anything else
     * of it.
     *
     * @return false when this replica no longer owns the request's partition: it must not start it
     * @throws RuntimeException when the event could not be published
     */
    public boolean beforeStart(FirstRequest request) {
        return announceIfNew(request);
    }

    private void announceLater(FirstRequest request) {
        if (owned.containsKey(partitionOf(request))) {
            announcing.submit(() -> {
                try {
                    announceIfNew(request);
                } catch (RuntimeException e) {
                    Log.warnf(e, "could not announce run %s queued; its trainer announces it when it starts",
                            request.runId());
                }
            });
        }
    }

    private synchronized boolean announceIfNew(FirstRequest request) {
        Long from = owned.get(partitionOf(request));
        if (from == null) {
            return false;
        }
        String runId = request.runId();
        if (request.offset() < from || board.announced(runId) || store.spec(runId).isPresent()
                || store.finalEvent(runId).isPresent()) {
            return true;
        }
        RunSpec spec;
        try {
            spec = validator.validate(request.value(), runId, model -> runId).spec();
        } catch (RuntimeException e) {
            // refused, or could not be checked: the work consumer checks again and announces what it finds
            return true;
        }
        RunEvent queued = RunEvent.of(spec, RunEvent.State.queued, 0, null);
        events.runEvent(queued);
        board.applyIfUnknown(queued);
        return true;
    }

    private static TopicPartition partitionOf(FirstRequest request) {
        return new TopicPartition(Topics.RUN_REQUESTS, request.partition());
    }

    void onShutdown(@Observes ShutdownEvent shutdown) {
        announcing.shutdownNow();
    }
}
