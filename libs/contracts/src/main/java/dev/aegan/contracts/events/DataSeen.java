package dev.aegan.contracts.events;

import java.util.List;
import java.util.Map;

/**
 * Which data a checkpoint was trained on: the first {@code countsBySplit.train} training images of
 * its dataset in topic order (their pixels' SHA-256 is {@code trainSha256}), and the held-out count
 * the dataset had announced when that prefix was taken. {@code arrivals} lists every step from which
 * the run drew its batches from a larger prefix, the first at step 0 (the images it started on).
 */
public record DataSeen(Map<String, Long> countsBySplit, String trainSha256, List<DataArrival> arrivals) {

    /** From {@code step} on (zero-based: the batch of that step is the first), the run drew from these images. */
    public record DataArrival(long step, Map<String, Long> countsBySplit) {
    }
}
