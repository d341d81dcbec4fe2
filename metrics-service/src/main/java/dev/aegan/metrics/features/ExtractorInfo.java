package dev.aegan.metrics.features;

import dev.aegan.evaluation.features.ExtractorKind;

import java.time.Instant;

/**
 * One extractor as {@code GET /extractors} lists it. Classifier fields ({@code dataset},
 * {@code heldOutAccuracy}, {@code heldOutImages}, {@code trainingImages}, {@code trainingSteps},
 * {@code trainedAt}) are null for a TorchScript extractor, whose {@code path} is set instead;
 * {@code featureDimension} is null for a TorchScript network that has not run yet.
 */
public record ExtractorInfo(String name, ExtractorKind kind, Integer featureDimension, String dataset,
                            Double heldOutAccuracy, Integer heldOutImages, Integer trainingImages,
                            Integer trainingSteps, Instant trainedAt, String path) {
}
