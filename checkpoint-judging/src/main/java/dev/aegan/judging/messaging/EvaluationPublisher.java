package dev.aegan.judging.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.judging.JudgingSettings;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;

import java.time.Duration;
import java.util.List;

/** Sends evaluations to the evaluations topic, keyed by run id. */
@ApplicationScoped
public class EvaluationPublisher {
    private final MutinyEmitter<Record<String, EvaluationEvent>> emitter;
    private final Duration timeout;

    EvaluationPublisher(@Channel(Channels.EVALUATIONS_OUT) MutinyEmitter<Record<String, EvaluationEvent>> emitter,
                        JudgingSettings settings) {
        this.emitter = emitter;
        this.timeout = settings.publishTimeout();
    }

    /** Returns once the broker has acknowledged every event (acks=all); throws if it did not in time. */
    public void publish(List<EvaluationEvent> events) {
        List<Uni<Void>> sends = events.stream().map(e -> emitter.send(Record.of(e.runId(), e))).toList();
        Uni.join().all(sends).andFailFast().await().atMost(timeout);
    }
}
