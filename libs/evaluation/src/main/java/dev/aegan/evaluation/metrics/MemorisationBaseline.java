package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.MemorisationScores;
import dev.aegan.evaluation.images.Images;

import java.util.stream.IntStream;

/**
 * FlexAE Table 4's data-against-data rows in one space (pixels or an extractor's features), what a
 * checkpoint's {@code generated_train} score is read against: the first {@code queries} training images
 * against the other memorisation training images ({@code train_train}, self-match excluded) and the
 * first {@code queries} held-out images against the memorisation training images ({@code heldout_train}).
 * They do not change between checkpoints: built once per dataset, extractor and held-out prefix.
 */
public record MemorisationBaseline(double trainTrain, double heldOutTrain, int queries) {

    /** Pixels in [0, 1]; {@code queries} capped at either set's size. */
    public static MemorisationBaseline inPixels(Images training, Images heldOut, int queries) {
        int q = Math.min(queries, Math.min(training.count(), heldOut.count()));
        return new MemorisationBaseline(MemorisationScores.pixelScoreWithoutSelf(training.toUnitInterval(), q),
                MemorisationScores.pixelScore(heldOut.first(q).toUnitInterval(), training.toUnitInterval()), q);
    }

    /** In a feature space; {@code queries} capped at either set's size. */
    public static MemorisationBaseline inFeatures(FeatureMatrix training, FeatureMatrix heldOut, int queries) {
        int q = Math.min(queries, Math.min(training.rows(), heldOut.rows()));
        return new MemorisationBaseline(MemorisationScores.featureScoreWithoutSelf(training, q),
                MemorisationScores.featureScore(heldOut.select(IntStream.range(0, q).toArray()),
                        training), q);
    }
}
