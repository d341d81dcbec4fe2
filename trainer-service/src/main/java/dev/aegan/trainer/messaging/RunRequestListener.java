package dev.aegan.trainer.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.trainer.runs.RunExecutor;
import dev.aegan.trainer.runs.RunExecutor.Outcome;
import dev.aegan.trainer.runs.RunExecutor.RunRequest;
import dev.aegan.trainer.runs.ActiveRuns;
import dev.aegan.trainer.runs.RequestTriage;
import dev.aegan.trainer.training.TrainerSettings;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The trainers' work queue: runs.requests, consumer group {@code trainer}, shared by every
 * replica. A record is acknowledged only when its run reached a terminal state (or was refused
 * with a failed event); until then its partition's committed offset stays before it, so after a
 * crash the broker hands it out again and the run resumes from its last checkpoint.
 *
 * <p>Training runs on this class's own threads, not on the messaging worker pool: a run lasts
 * minutes to days, longer than any pool's blocked-thread watchdog expects. Each copy of the
 * channel ({@code aegan.trainer.concurrency}) waits for its current run before taking the next
 * record, so a replica trains at most that many runs at once.
 */
@ApplicationScoped
public class RunRequestListener {
    private final RunExecutor executor;
    private final RequestTriage triage;
    private final ActiveRuns active;
    private final ExecutorService trainers;

    RunRequestListener(RunExecutor executor, RequestTriage triage, ActiveRuns active, TrainerSettings settings) {
        this.executor = executor;
        this.triage = triage;
        this.active = active;
        AtomicInteger count = new AtomicInteger();
        this.trainers = Executors.newFixedThreadPool(settings.concurrency(), task -> {
            Thread thread = new Thread(task, "trainer-run-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Incoming(Channels.RUN_REQUESTS_IN)
    public CompletionStage<Void> onRequest(Message<String> record) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<String, String> kafka = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("run request without Kafka metadata"));
        TopicPartition partition = new TopicPartition(kafka.getTopic(), kafka.getPartition());
        RunRequest request = new RunRequest(kafka.getKey(), record.getPayload(), partition, kafka.getOffset());
        return CompletableFuture.supplyAsync(() -> handle(request), trainers)
                .thenCompose(outcome -> outcome == Outcome.DONE ? record.ack() : CompletableFuture.completedFuture(null));
    }

    private Outcome handle(RunRequest request) {
        if (active.closing()) {
            return Outcome.RELEASED;
        }
        if (!active.owns(request.partition())) {
            Log.debugf("skipping run request at %s offset %d: the partition moved to another replica",
                    request.partition(), request.offset());
            return Outcome.RELEASED;
        }
        try {
            return switch (triage.triage(request)) {
                case TRAIN -> executor.execute(request);
                case SKIP -> Outcome.DONE;
                case LET_GO -> Outcome.RELEASED;
            };
        } catch (RuntimeException e) {
            Log.errorf(e, "run request at %s offset %d could not be handled; it stays unacknowledged",
                    request.partition(), request.offset());
            return Outcome.RELEASED;
        }
    }

    /** Before the consumers close: let every run checkpoint, so a restarted or other replica resumes it. */
    void onShutdown(@Observes @Priority(1) ShutdownEvent shutdown) {
        active.releaseAll();
        trainers.shutdown();
    }
}
