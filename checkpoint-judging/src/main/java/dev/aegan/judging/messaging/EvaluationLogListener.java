package dev.aegan.judging.messaging;

import dev.aegan.contracts.Channels;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.judging.history.EvaluationHistory;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the evaluations topic from the beginning on every start (a consumer group of its own per
 * instance, nothing committed), which rebuilds what {@code GET /evaluations} lists.
 */
@ApplicationScoped
public class EvaluationLogListener {
    private final EvaluationHistory history;

    EvaluationLogListener(EvaluationHistory history) {
        this.history = history;
    }

    @Incoming(Channels.EVALUATIONS_IN)
    public void onEvaluation(EvaluationEvent event) {
        if (event != null) {
            history.onPublished(event);
        }
    }
}
