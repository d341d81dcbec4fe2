package dev.aegan.trainer.topics;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.trainer.training.TrainerSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * What a run's earlier owners published, read from the topics to their ends now. A run resumed after
 * its trainer died trains again the steps since its checkpoint; it publishes only what its predecessor
 * had not, so each (run, step) is on {@link Topics#CHECKPOINTS} and on {@link Topics#TRAINING_METRICS}
 * once.
 */
@ApplicationScoped
public class PublishedProgress {
    private final KafkaClientSettings kafka;
    private final TrainerSettings settings;

    PublishedProgress(KafkaClientSettings kafka, TrainerSettings settings) {
        this.kafka = kafka;
        this.settings = settings;
    }

    /** Whether {@code runId}'s checkpoint at {@code step} is announced. */
    public boolean checkpointAnnounced(String runId, long step) {
        return eventsOf(Topics.CHECKPOINTS, runId, CheckpointEvent.class).stream().anyMatch(event -> event.step() == step);
    }

    /** The newest step of {@code runId} with a training metrics event; 0 when it has none. */
    public long lastMetricsStep(String runId) {
        return eventsOf(Topics.TRAINING_METRICS, runId, TrainingMetricEvent.class).stream()
                .mapToLong(TrainingMetricEvent::step).max().orElse(0);
    }

    private <T> List<T> eventsOf(String topic, String runId, Class<T> type) {
        List<T> events = new ArrayList<>();
        // as long as publishing may wait: a broker outage that publishing would ride out must not fail the run here
        EventTopicReader.readToEnd(kafka, topic, runId::equals, type, settings.publishTimeout(), events::add);
        return events;
    }
}
