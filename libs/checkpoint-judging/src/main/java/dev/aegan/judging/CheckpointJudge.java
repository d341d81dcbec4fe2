package dev.aegan.judging;

import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;

import java.time.Instant;
import java.util.List;

/**
 * What a judging service does with one checkpoint; its one bean of this type is called for every
 * event. With the service's {@link JudgingConfig} mapping it is all the shared consumer needs.
 */
public interface CheckpointJudge {

    /** The {@code producer} field of the evaluations it publishes, and what {@code GET /evaluations} lists. */
    String producer();

    /**
     * The checkpoint's evaluations, to be published together.
     *
     * @throws UnevaluableCheckpointException when the checkpoint or its dataset can never be judged
     */
    List<EvaluationEvent> judge(CheckpointEvent event);

    /**
     * Whether this judge publishes evaluations of the checkpoint at all (a judge may pass over some
     * by its own settings): only checkpoints it does judge supersede the ones before them.
     */
    default boolean due(CheckpointEvent event) {
        return true;
    }

    /** One evaluation of {@code checkpoint} as this judge publishes it. */
    default EvaluationEvent evaluation(CheckpointEvent checkpoint, String metric, double value, String extractor,
                                       long sampleCount, Instant at) {
        return new EvaluationEvent(EvaluationEvent.SCHEMA, checkpoint.runId(), checkpoint.spec().group(),
                checkpoint.step(), metric, value, extractor, sampleCount, producer(), at);
    }
}
