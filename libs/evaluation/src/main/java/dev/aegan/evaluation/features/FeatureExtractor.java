package dev.aegan.evaluation.features;

import ai.djl.ndarray.NDArray;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.OptionalInt;

/**
 * A network that maps images to feature vectors (and, for a classifier, to class probabilities):
 * the space in which FID, KID, precision/recall, density/coverage, the perceptual distance and the
 * feature memorisation score are measured. Every metric computed with it carries its {@link #name()}.
 * Not thread-safe: the judge calls it from one thread.
 */
public interface FeatureExtractor extends AutoCloseable {

    /** Unique among the extractors of a dataset; the {@code @<name>} suffix of its metrics. */
    String name();

    ExtractorKind kind();

    /**
     * The SHA-256 of the weights (first 16 hex digits): features cached in S3 are keyed by it, so
     * a retrained classifier or a replaced TorchScript file never meets features of its predecessor.
     */
    String fingerprint();

    /** The first 16 hex digits of the SHA-256 of {@code weights}: a {@link #fingerprint()}. */
    static String fingerprintOf(byte[] weights) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weights)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Features per image; empty for a TorchScript network that has not run yet. */
    OptionalInt featureDimension();

    /**
     * Features of one batch, N x C x H x W in [-1, 1] (the dataset's shape; the extractor adapts it
     * to its own input). Runs without autograd and closes every tensor it creates.
     */
    BatchFeatures extract(NDArray images);

    @Override
    void close();

    /**
     * Row-major N x d features, and N x classes probabilities, or null for a network without a
     * classification output (the Inception-style score needs them).
     */
    record BatchFeatures(float[] features, float[] probabilities) {
    }
}
