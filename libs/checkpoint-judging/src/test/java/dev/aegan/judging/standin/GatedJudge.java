package dev.aegan.judging.standin;

import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.EvaluationEvent;
import dev.aegan.judging.CheckpointJudge;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The judge of this module's test application: two evaluations per checkpoint ({@code a} = step,
 * {@code b} = 2 step), judged at once, or, for a run the test holds, only once the test lets it go
 * on: a judgement that takes as long as the test needs. Counts its judgements. Checkpoints the test
 * names are not due: judged as nothing, as a judge that judges only some checkpoints does.
 */
@ApplicationScoped
public class GatedJudge implements CheckpointJudge {
    public static final String PRODUCER = "gated-judge";
    public static final List<String> METRICS = List.of("a", "b");
    private static final Duration LONGEST_HOLD = Duration.ofMinutes(2);

    private final Map<String, AtomicInteger> judgements = new ConcurrentHashMap<>();
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    private final Set<String> notDue = ConcurrentHashMap.newKeySet();

    /** A judgement of a held run: the test sees it begin and lets it finish. */
    public static final class Gate {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch open = new CountDownLatch(1);

        public void awaitEntered(Duration timeout) throws InterruptedException {
            if (!entered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the judge never began a held judgement within " + timeout);
            }
        }

        public void open() {
            open.countDown();
        }
    }

    /** Judgements of the run's checkpoints wait for the returned gate to open. */
    public Gate hold(String runId) {
        Gate gate = new Gate();
        gates.put(runId, gate);
        return gate;
    }

    /** The checkpoint gets no evaluation. */
    public void passOver(String runId, long step) {
        notDue.add(runId + "@" + step);
    }

    @Override
    public boolean due(CheckpointEvent event) {
        return !notDue.contains(event.runId() + "@" + event.step());
    }

    /** How often the checkpoint was judged. */
    public int judgements(String runId, long step) {
        AtomicInteger count = judgements.get(runId + "@" + step);
        return count == null ? 0 : count.get();
    }

    @Override
    public String producer() {
        return PRODUCER;
    }

    @Override
    public List<EvaluationEvent> judge(CheckpointEvent event) {
        judgements.computeIfAbsent(event.runId() + "@" + event.step(), k -> new AtomicInteger()).incrementAndGet();
        Gate gate = gates.get(event.runId());
        if (gate != null) {
            gate.entered.countDown();
            try {
                if (!gate.open.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("held longer than " + LONGEST_HOLD);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!due(event)) {
            return List.of();
        }
        return List.of(evaluation(event, "a", event.step()), evaluation(event, "b", 2.0 * event.step()));
    }

    public static EvaluationEvent evaluation(CheckpointEvent event, String metric, double value) {
        return new EvaluationEvent(EvaluationEvent.SCHEMA, event.runId(), null, event.step(), metric, value, "pixels",
                1, PRODUCER, Instant.now());
    }
}
