package dev.aegan.trainer.runs;

import dev.aegan.contracts.Split;
import dev.aegan.contracts.dataset.DatasetImages;
import dev.aegan.contracts.dataset.DatasetTopicReader;
import dev.aegan.contracts.kafka.KafkaClientSettings;
import dev.aegan.contracts.events.CheckpointEvent;
import dev.aegan.contracts.events.DatasetEvent;
import dev.aegan.contracts.events.EventJson;
import dev.aegan.contracts.events.RunEvent;
import dev.aegan.contracts.events.RunSpec;
import dev.aegan.contracts.events.TrainingMetricEvent;
import dev.aegan.trainer.domain.RejectedSpecException;
import dev.aegan.trainer.domain.RunIds;
import dev.aegan.trainer.domain.SpecRejection;
import dev.aegan.trainer.topics.AnnouncedDatasets;
import dev.aegan.trainer.topics.PublishedProgress;
import dev.aegan.trainer.topics.TrainerEvents;
import dev.aegan.trainer.store.RunStore;
import dev.aegan.trainer.store.RunStore.StoredCheckpoint;
import dev.aegan.trainer.training.TrainerSettings;
import dev.aegan.trainer.training.TrainingDevice;
import dev.aegan.trainer.training.TrainingSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Carries one run request from the runs.requests record to a terminal state: validate, skip a run
 * that already ended, resume from the newest complete checkpoint or start afresh, train, publish
 * metrics and checkpoints, and end {@code finished}, {@code stopped} or {@code failed}.
 *
 * <p>The caller acknowledges the record only for {@link Outcome#DONE}: a run that had to let go
 * ({@link Outcome#RELEASED}: shutdown, lost partition, or the outcome could not be recorded) is
 * redelivered to whichever replica owns the partition next, which resumes it from its checkpoint.
 */
@ApplicationScoped
public class RunExecutor {

    /** What became of a request. */
    public enum Outcome {
        /** The request's effect is durable (terminal marker written and announced, or refusal announced). */
        DONE,
        /** Not finished here; the request must be delivered again. */
        RELEASED
    }

    /** A record from runs.requests, value as raw text so that any bytes can be answered with a reason. */
    public record RunRequest(String key, String value, TopicPartition partition, long offset) {
    }

    private final RunSpecValidator validator;
    private final RunStore store;
    private final TrainerEvents events;
    private final ActiveRuns active;
    private final TrainingDevice device;
    private final TrainerSettings settings;
    private final DatasetTopicReader datasets;
    private final AnnouncedDatasets announced;
    private final PublishedProgress published;
    private final Counter stepCounter;
    private final Timer checkpointTimer;

    RunExecutor(RunSpecValidator validator, RunStore store, TrainerEvents events, ActiveRuns active,
                TrainingDevice device, TrainerSettings settings, MeterRegistry meters,
                KafkaClientSettings kafka, AnnouncedDatasets announced, PublishedProgress published) {
        this.validator = validator;
        this.store = store;
        this.events = events;
        this.active = active;
        this.device = device;
        this.settings = settings;
        this.datasets = new DatasetTopicReader(kafka, settings.datasetReadTimeout());
        this.announced = announced;
        this.published = published;
        this.stepCounter = meters.counter("aegan.trainer.steps");
        this.checkpointTimer = meters.timer("aegan.trainer.checkpoint.write");
    }

    public Outcome execute(RunRequest request) {
        RunSpecValidator.ValidRun valid;
        try {
            valid = validator.validate(request.value(), request.key(),
                    model -> RunIds.forRecord(request.partition().partition(), request.offset()));
        } catch (RejectedSpecException e) {
            Log.warnf("refusing run request at %s offset %d: %s", request.partition(), request.offset(), e.reason());
            return announce(new RunEvent(RunEvent.SCHEMA, idOf(request), RunEvent.State.failed, 0, e.reason(), null,
                    Instant.now()));
        } catch (RuntimeException e) {
            Log.errorf(e, "could not validate run request at %s offset %d", request.partition(), request.offset());
            return announce(new RunEvent(RunEvent.SCHEMA, idOf(request), RunEvent.State.failed, 0,
                    "INTERNAL_ERROR: the request could not be checked: " + e.getMessage(), null, Instant.now()));
        }
        RunSpec spec = valid.spec();
        RunHandle handle = null;
        try {
            Optional<RunEvent> ended = store.finalEvent(spec.runId());
            if (ended.isPresent()) {
                Log.infof("run %s already ended %s; announcing that again and skipping its request", spec.runId(),
                        ended.get().state());
                return announce(ended.get());
            }
            Optional<RunSpec> stored = store.spec(spec.runId());
            if (stored.isPresent() && !sameSpec(stored.get(), spec)) {
                return announce(RunEvent.of(spec, RunEvent.State.failed, 0, SpecRejection.RUN_EXISTS + ": run id '"
                        + spec.runId() + "' already names a run with a different spec; choose another runId"));
            }
            handle = active.start(spec, request.partition(), device.description()).orElse(null);
            if (handle == null) {
                Log.warnf("run %s is already training on this replica; its duplicate request at %s offset %d waits "
                        + "for redelivery", spec.runId(), request.partition(), request.offset());
                return Outcome.RELEASED;
            }
            return train(valid, handle);
        } catch (RuntimeException e) {
            long step = handle == null ? 0 : handle.live().step();
            String reason = e instanceof RejectedSpecException rejected ? rejected.reason()
                    : "TRAINING_ERROR: " + e.getClass().getSimpleName() + ": " + e.getMessage();
            Log.errorf(e, "run %s failed at step %d", spec.runId(), step);
            return end(RunEvent.of(spec, RunEvent.State.failed, step, reason));
        } finally {
            if (handle != null) {
                active.end(handle);
            }
        }
    }

    private Outcome train(RunSpecValidator.ValidRun valid, RunHandle handle) {
        RunSpec spec = valid.spec();
        DatasetImages images = datasets.read(spec.dataset(), Split.TRAIN).orElseThrow(() -> new RejectedSpecException(
                SpecRejection.DATASET_NOT_FOUND, "datasets.batches holds no training images of dataset '"
                + spec.dataset() + "'"));
        Optional<StoredCheckpoint> checkpoint = store.latestCheckpoint(spec.runId());
        try (TrainingSession session = checkpoint
                .map(stored -> TrainingSession.resume(spec, stored.objects(), images, device.get()))
                .orElseGet(() -> TrainingSession.start(valid.family(), spec, images, heldOutAnnounced(spec.dataset()),
                        device.get()))) {
            long metricsPublishedThrough = 0;
            if (checkpoint.isPresent()) {
                CheckpointEvent resumedFrom = checkpoint.get().manifest();
                metricsPublishedThrough = published.lastMetricsStep(spec.runId());
                if (!published.checkpointAnnounced(spec.runId(), resumedFrom.step())) {
                    Log.infof("run %s: its checkpoint at step %d was written but never announced; announcing it now",
                            spec.runId(), resumedFrom.step());
                    events.checkpoint(resumedFrom);
                }
                events.runEvent(RunEvent.of(spec, RunEvent.State.resumed, session.completedSteps(), null));
                Log.infof("run %s resumed from its checkpoint at step %d on %s", spec.runId(),
                        session.completedSteps(), device.description());
            } else {
                store.writeSpec(spec);
                events.runEvent(RunEvent.of(spec, RunEvent.State.running, 0, null));
                Log.infof("run %s started: %s on %d training images of %s, %d steps, on %s", spec.runId(),
                        spec.model(), session.trainImages(), spec.dataset(), spec.steps(), device.description());
            }
            return loop(spec, session, handle, checkpoint.map(c -> c.manifest().step()).orElse(-1L),
                    metricsPublishedThrough);
        }
    }

    /** @param metricsPublishedThrough the run's steps up to this one have their metrics published already */
    private Outcome loop(RunSpec spec, TrainingSession session, RunHandle handle, long lastCheckpoint,
                         long metricsPublishedThrough) {
        long nextStopPoll = 0;
        long windowStart = System.nanoTime();
        long windowSteps = 0;
        RunHandle.Interruption interruption = null;
        handle.progress(session.completedSteps(), 0);
        while (session.completedSteps() < spec.steps()) {
            if (System.nanoTime() >= nextStopPoll) {
                if (store.stopRequested(spec.runId())) {
                    handle.interrupt(RunHandle.Interruption.STOP);
                }
                nextStopPoll = System.nanoTime() + settings.stopPollInterval().toNanos();
            }
            interruption = handle.interruption();
            if (interruption != null) {
                break;
            }
            Map<String, Float> values = session.step();
            long step = session.completedSteps();
            stepCounter.increment();
            windowSteps++;
            double seconds = (System.nanoTime() - windowStart) / 1e9;
            double imagesPerSecond = seconds > 0 ? windowSteps * session.imagesPerStep() / seconds : 0;
            handle.progress(step, imagesPerSecond);
            if (step > metricsPublishedThrough && (step % settings.metricsEvery() == 0 || step == spec.steps())) {
                events.metrics(new TrainingMetricEvent(TrainingMetricEvent.SCHEMA, spec.runId(), spec.group(), step,
                        asDoubles(values), imagesPerSecond, Instant.now()));
                windowStart = System.nanoTime();
                windowSteps = 0;
            }
            if (step % spec.checkpointEvery() == 0 || step == spec.steps()) {
                if (spec.follows() && step < spec.steps()) {
                    takeInArrivals(spec, session);
                }
                checkpoint(spec, session, step == spec.steps());
                lastCheckpoint = step;
            }
        }
        long step = session.completedSteps();
        if (interruption == null) {
            if (lastCheckpoint != step) {
                // Only a resumed run whose last checkpoint was already its final step gets here without one.
                checkpoint(spec, session, true);
            }
            return end(RunEvent.of(spec, RunEvent.State.finished, step, null));
        }
        if (interruption == RunHandle.Interruption.STOP) {
            checkpoint(spec, session, true);
            return end(RunEvent.of(spec, RunEvent.State.stopped, step, "stop requested"));
        }
        if (lastCheckpoint != step) {
            checkpoint(spec, session, false);
        }
        Log.infof("run %s let go at step %d; the next owner of its request resumes it", spec.runId(), step);
        return Outcome.RELEASED;
    }

    /**
     * At a regular checkpoint step of a run that follows its dataset: the images appended since the
     * batches' prefix was taken join the batches from this step on. The checkpoint written next records
     * the arrival before any step uses it; a trainer that dies before that checkpoint is complete leaves
     * no trace of it, and the run, resumed from its previous checkpoint, looks again at this same step.
     * A checkpoint written when the run lets go between regular steps never looks, so an interruption
     * cannot move an arrival.
     */
    private void takeInArrivals(RunSpec spec, TrainingSession session) {
        Optional<DatasetEvent> latest = announced.current(spec.dataset());
        if (latest.isEmpty() || latest.get().count(Split.TRAIN) <= session.trainImages()) {
            return;
        }
        DatasetImages images = datasets.read(spec.dataset(), Split.TRAIN).orElseThrow();
        if (session.takeIn(images, latest.get().count(Split.HELDOUT))) {
            Log.infof("run %s takes in dataset %s's new images from step %d: %d training images", spec.runId(),
                    spec.dataset(), session.completedSteps(), session.trainImages());
        }
    }

    private long heldOutAnnounced(String dataset) {
        return announced.current(dataset).map(event -> event.count(Split.HELDOUT)).orElse(0L);
    }

    private void checkpoint(RunSpec spec, TrainingSession session, boolean last) {
        long step = session.completedSteps();
        CheckpointEvent manifest = checkpointTimer.record(
                () -> store.writeCheckpoint(spec, step, last, session.checkpointObjects(), session.dataSeen()));
        events.checkpoint(manifest);
        events.runEvent(RunEvent.of(spec, RunEvent.State.checkpointed, step, null));
    }

    /** Records the terminal state (marker first, so a redelivered request is skipped), then announces it. */
    private Outcome end(RunEvent terminal) {
        try {
            store.writeFinal(terminal);
        } catch (RuntimeException e) {
            Log.errorf(e, "could not record that run %s ended %s; its request stays unacknowledged",
                    terminal.runId(), terminal.state());
            return Outcome.RELEASED;
        }
        Log.infof("run %s %s at step %d%s", terminal.runId(), terminal.state(), terminal.step(),
                terminal.reason() == null ? "" : ": " + terminal.reason());
        return announce(terminal);
    }

    private Outcome announce(RunEvent event) {
        try {
            events.runEvent(event);
            return Outcome.DONE;
        } catch (RuntimeException e) {
            Log.errorf(e, "could not publish %s event of run %s; its request stays unacknowledged", event.state(),
                    event.runId());
            return Outcome.RELEASED;
        }
    }

    /**
     * The id a refusal is announced under: the key when it is a run id, else one derived from the
     * record (never a runId from the body, which may name another request's run; a record without
     * a key that names a valid one was re-keyed before it got here).
     */
    private static String idOf(RunRequest request) {
        return RunIds.isValid(request.key()) ? request.key()
                : RunIds.forRecord(request.partition().partition(), request.offset());
    }

    private static boolean sameSpec(RunSpec a, RunSpec b) {
        return EventJson.MAPPER.valueToTree(a).equals(EventJson.MAPPER.valueToTree(b));
    }

    private static Map<String, Double> asDoubles(Map<String, Float> values) {
        Map<String, Double> doubles = new LinkedHashMap<>();
        values.forEach((name, value) -> doubles.put(name, value.doubleValue()));
        return doubles;
    }
}
