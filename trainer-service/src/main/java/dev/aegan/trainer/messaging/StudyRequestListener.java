package dev.aegan.trainer.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.events.StudyEvent;
import dev.aegan.trainer.studies.StudyLauncher;
import dev.aegan.trainer.studies.StudyRejectedException;
import dev.aegan.trainer.topics.TrainerEvents;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * studies.requests, consumer group {@code trainer-studies}: queues each study's runs on runs.requests (or
 * runs an in-process study here) and says so on studies.events, or says why not. A record is
 * acknowledged only once its event is published, so a crash in between hands it out again; the repeat
 * queues nothing twice ({@link StudyLauncher} is idempotent) and publishes the event again. A failure
 * that may pass (the broker or the run-request index not reachable) is retried a few times, waiting
 * longer each time, before the record is left unacknowledged until the next start.
 *
 * <p>Requests are handled one at a time on this class's own thread: queuing waits for the broker and an
 * in-process study computes for seconds, longer than the messaging pool should be blocked.
 */
@ApplicationScoped
public class StudyRequestListener {
    private static final int ATTEMPTS = 5;
    private static final Duration FIRST_RETRY_AFTER = Duration.ofSeconds(5);
    private final StudyLauncher launcher;
    private final TrainerEvents events;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "trainer-studies");
        thread.setDaemon(true);
        return thread;
    });

    StudyRequestListener(StudyLauncher launcher, TrainerEvents events) {
        this.launcher = launcher;
        this.events = events;
    }

    @Incoming(Channels.STUDY_REQUESTS_IN)
    public CompletionStage<Void> onRequest(Message<String> record) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordMetadata<String, String> kafka = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("study request without Kafka metadata"));
        return CompletableFuture.runAsync(() -> handle(kafka.getKey(), record.getPayload()), worker)
                .thenCompose(published -> record.ack())
                .exceptionally(e -> {
                    Log.errorf(e, "study request at %s-%d offset %d could not be handled; it stays unacknowledged",
                            kafka.getTopic(), kafka.getPartition(), kafka.getOffset());
                    return null;
                });
    }

    private void handle(String key, String request) {
        Duration wait = FIRST_RETRY_AFTER;
        for (int attempt = 1; ; attempt++) {
            try {
                events.studyEvent(outcome(key, request));
                return;
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                Log.warnf("study request %s failed (attempt %d of %d), trying again in %s: %s", key, attempt, ATTEMPTS,
                        wait, e.toString());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                wait = wait.multipliedBy(2);
            }
        }
    }

    private StudyEvent outcome(String key, String request) {
        try {
            return launcher.launch(launcher.plan(request));
        } catch (StudyRejectedException e) {
            Log.infof("study request %s rejected, %s: %s", key, e.code(), e.getMessage());
            return e.event(key);
        }
    }
}
