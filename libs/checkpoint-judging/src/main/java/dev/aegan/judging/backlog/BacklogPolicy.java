package dev.aegan.judging.backlog;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Which waiting checkpoints a judge that falls behind the trainer judges: a checkpoint is passed
 * over once {@code supersededAfter} newer checkpoints of its run are waiting behind it, unless it
 * is the run's final checkpoint or the run asked for every checkpoint to be judged. The newest
 * waiting checkpoint of a run always has none behind it, so it is judged. {@code supersededAfter}
 * 0 judges everything.
 */
public final class BacklogPolicy {
    private final int supersededAfter;

    public BacklogPolicy(int supersededAfter) {
        if (supersededAfter < 0) {
            throw new IllegalArgumentException("superseded-after must be 0 (never) or more, got " + supersededAfter);
        }
        this.supersededAfter = supersededAfter;
    }

    /** The verdict on each of {@code pending} (the checkpoints waiting, in the order they arrived), in that order. */
    public List<Verdict> decide(List<PendingCheckpoint> pending) {
        return IntStream.range(0, pending.size())
                .mapToObj(i -> verdict(pending.get(i), pending.subList(i + 1, pending.size())))
                .toList();
    }

    /** The verdict on {@code checkpoint} when {@code behind} arrived after it and are still waiting. */
    public Verdict verdict(PendingCheckpoint checkpoint, List<PendingCheckpoint> behind) {
        if (supersededAfter == 0 || checkpoint.last() || checkpoint.judgeEvery()) {
            return new Verdict.Judge();
        }
        List<Long> newer = behind.stream()
                .filter(other -> other.runId().equals(checkpoint.runId()) && other.step() > checkpoint.step())
                .map(PendingCheckpoint::step)
                .toList();
        if (newer.size() < supersededAfter) {
            return new Verdict.Judge();
        }
        return new Verdict.Supersede(newer.stream().mapToLong(Long::longValue).max().orElseThrow());
    }
}
