package dev.aegan.evaluation.features;

/** Where an extractor comes from. */
public enum ExtractorKind {
    /** The service's own in-domain classifier, trained per labelled dataset ({@link DatasetClassifier}). */
    CLASSIFIER,
    /** A user-supplied TorchScript network named in configuration ({@link TorchScriptExtractor}). */
    TORCHSCRIPT
}
