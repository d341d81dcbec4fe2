package dev.aegan.judging.standin;

import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.StoredObject;
import dev.aegan.infra.Await;
import dev.aegan.judging.testing.JudgingPlatform;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The checkpoints the tests of this module send to the stand-in judge, and the evaluations it published. */
public final class StandInRecords {
    private StandInRecords() {
    }

    /** A checkpoint the stand-in judge accepts (it reads no object). */
    public static CheckpointEvent checkpoint(RunSpec spec, long step, boolean last) {
        return new CheckpointEvent(CheckpointEvent.SCHEMA, spec.runId(), step, last, spec,
                JudgingPlatform.CHECKPOINT_BUCKET, List.of(new StoredObject(String.format("%s/step-%08d/checkpoint.json",
                spec.runId(), step), 1, "0".repeat(64))), Instant.now());
    }

    public static void awaitEvaluations(String runId, long step, Duration timeout) {
        Await.until("evaluations of " + runId + "@" + step, timeout,
                () -> evaluations(runId, step).isEmpty() ? null : true);
    }

    /** The stand-in judge's evaluations of the checkpoint, as a read_committed reader sees them. */
    public static List<EvaluationEvent> evaluations(String runId, long step) {
        return JudgingPlatform.evaluationsOnTopic(bootstrapServers()).stream()
                .filter(e -> e.runId().equals(runId) && e.step() == step && GatedJudge.PRODUCER.equals(e.producer()))
                .toList();
    }

    public static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }
}
