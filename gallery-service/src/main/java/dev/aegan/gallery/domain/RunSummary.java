package dev.aegan.gallery.domain;

import dev.aegan.contracts.events.DataSeen;
import dev.aegan.contracts.events.RunSpec;

import java.time.Instant;
import java.util.List;

/**
 * A run as the topics describe it. {@code state} is the latest run event's ({@code null} while only
 * metrics or checkpoints were seen); {@code step} the highest step any event reported; {@code group} the
 * sweep the run belongs to ({@code null} for a run of its own); {@code dataArrivals} the steps from which
 * the run drew from more of its dataset (the first at step 0; empty until a checkpoint says).
 */
public record RunSummary(String runId, String group, String model, String dataset, String state, long step,
                         Integer steps, String reason, Instant updatedAt, Long latestCheckpoint, Double imagesPerSecond,
                         RunSpec spec, List<DataSeen.DataArrival> dataArrivals) {
}
