package dev.aegan.evaluation.metrics;

import java.util.List;

/** The metrics of one model, the gallery's nearest neighbours (none without training images), and the time per stage. */
public record Evaluation(List<MetricValue> metrics, List<NearestNeighbours.Space> neighbours, StageTimings timings) {
}
