package dev.aegan.evaluation.features;

import dev.aegan.evaluation.FeatureMatrix;

/** One image set as an extractor sees it: features, and class probabilities or null. */
public record Features(FeatureMatrix features, FeatureMatrix probabilities) {
}
