package dev.aegan.contracts.events;

/**
 * How far a judge was behind the trainer when it published a checkpoint's evaluations:
 * {@code steps} from the judged checkpoint to the run's newest checkpoint on the checkpoints topic
 * at that moment, {@code seconds} from the judged checkpoint's announcement to the publication.
 */
public record JudgingLag(long steps, double seconds) {
}
