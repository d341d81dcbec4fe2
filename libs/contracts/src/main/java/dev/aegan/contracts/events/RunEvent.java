package dev.aegan.contracts.events;

import java.time.Instant;

/** A run's state changed; {@code reason} explains {@code failed} and {@code stopped}. */
public record RunEvent(
        String schema,
        String runId,
        State state,
        long step,
        String reason,
        RunSpec spec,
        Instant at) {

    public static final String SCHEMA = "aegan.run-event/v1";

    public enum State {
        queued, running, resumed, checkpointed, finished, stopped, failed;

        public boolean terminal() {
            return this == finished || this == stopped || this == failed;
        }
    }

    public static RunEvent of(RunSpec spec, State state, long step, String reason) {
        return new RunEvent(SCHEMA, spec.runId(), state, step, reason, spec, Instant.now());
    }
}
