package dev.aegan.gallery.domain;

import dev.aegan.contracts.events.DataSeen;
import dev.aegan.contracts.events.RunSpec;

import java.time.Instant;
import java.util.List;

/**
 * A run as the topics describe it. {@code state} is the latest run event's ({@code null} while only
 * metrics or checkpoints were seen); {@code step} the highest step any event reported; {@code group} the
 * sweep the run belongs to ({@code null} for a run of its own). While it trains, {@code stepsPerSecond}
 * is its wall-clock speed over its latest metric reports and {@code etaSeconds} the time its remaining steps
 * take at that speed, as of its latest report. While it waits ({@code queued}), {@code queuePosition} is its
 * place among the runs waiting, in the order they were announced queued on runs.events (1 = queued first);
 * trainers take runs per partition of runs.requests, so this is the order of waiting, not a promise of
 * which starts next. Each is {@code null} when it does not apply or is not known yet. {@code dataArrivals}
 * are the steps from which the run drew from more of its dataset (the first at step 0; empty until a
 * checkpoint says).
 */
public record RunSummary(String runId, String group, String model, String dataset, String state, long step,
                         Integer steps, String reason, Instant updatedAt, Long latestCheckpoint, Double imagesPerSecond,
                         RunSpec spec, Double stepsPerSecond, Double etaSeconds, Integer queuePosition,
                         List<DataSeen.DataArrival> dataArrivals) {
}
