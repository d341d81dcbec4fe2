package dev.aegan.judging;

import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;

import java.util.List;

/** What a judging service does with one checkpoint; its one bean of this type is called for every event. */
public interface CheckpointJudge {

    /**
     * The checkpoint's evaluations, to be published together.
     *
     * @throws UnevaluableCheckpointException when the checkpoint or its dataset can never be judged
     */
    List<EvaluationEvent> judge(CheckpointEvent event);
}
