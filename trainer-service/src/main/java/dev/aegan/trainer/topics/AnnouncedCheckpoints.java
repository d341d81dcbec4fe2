package dev.aegan.trainer.topics;

import dev.aegan.contracts.Topics;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.kafka.TopicReader;
import dev.aegan.trainer.training.TrainerSettings;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which checkpoints {@link Topics#CHECKPOINTS} already announces. A run resumed from a checkpoint
 * whose previous owner died before announcing it announces it then; one already announced is not
 * announced again, so every (run, step) is on the topic once.
 */
@ApplicationScoped
public class AnnouncedCheckpoints {
    private final KafkaClientSettings kafka;
    private final TrainerSettings settings;

    AnnouncedCheckpoints(KafkaClientSettings kafka, TrainerSettings settings) {
        this.kafka = kafka;
        this.settings = settings;
    }

    /** Whether the topic, read to its end now, holds the event of {@code runId}'s checkpoint at {@code step}. */
    public boolean contains(String runId, long step) {
        AtomicBoolean found = new AtomicBoolean();
        TopicReader.readToEnd(kafka, Topics.CHECKPOINTS, Map.of(), settings.publishTimeout(), record -> {
            if (found.get() || !runId.equals(record.key()) || record.value() == null) {
                return;
            }
            try {
                found.set(EventJson.read(record.value(), CheckpointEvent.class).step() == step);
            } catch (RuntimeException e) {
                Log.debugf("ignoring an unreadable %s record at offset %d: %s", Topics.CHECKPOINTS, record.offset(),
                        e.getMessage());
            }
        });
        return found.get();
    }
}
