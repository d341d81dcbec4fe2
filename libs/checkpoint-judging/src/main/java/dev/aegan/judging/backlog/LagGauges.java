package dev.aegan.judging.backlog;

import dev.aegan.contracts.events.JudgingLag;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code aegan_judging_lag_steps} and {@code aegan_judging_lag_seconds}: how far behind the trainer
 * the last published judgement was.
 */
public final class LagGauges {
    private final AtomicReference<JudgingLag> last = new AtomicReference<>(new JudgingLag(0, 0));

    public LagGauges(MeterRegistry meters) {
        Gauge.builder("aegan.judging.lag.steps", last, l -> l.get().steps())
                .description("Steps from the last judged checkpoint to its run's newest checkpoint when it was published")
                .register(meters);
        Gauge.builder("aegan.judging.lag.seconds", last, l -> l.get().seconds())
                .description("Seconds from the last judged checkpoint's announcement to the publication of its evaluations")
                .register(meters);
    }

    public void record(JudgingLag lag) {
        last.set(lag);
    }
}
