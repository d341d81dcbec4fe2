package dev.aegan.evaluation.metrics;

import dev.aegan.evaluation.FeatureMatrix;
import dev.aegan.evaluation.FeatureStatistics;
import dev.aegan.evaluation.FrechetDistance;
import dev.aegan.evaluation.KernelInceptionDistance;
import dev.aegan.evaluation.ManifoldEstimate;

/**
 * What the generation metrics compare a checkpoint's samples with, in one extractor's feature
 * space: the held-out images' features, their mean and covariance with the covariance's
 * decomposition (FID), their k-NN radii (precision/recall, density/coverage) and their KID
 * within-set kernel sums, formed at the first checkpoint judged. Built once per dataset, extractor
 * and held-out count; the features and statistics are cached in S3.
 */
public record HeldOutReference(FeatureMatrix features, FeatureStatistics statistics, FrechetDistance frechet,
                               ManifoldEstimate manifold, KernelInceptionDistance.Reference kernel) {

    public static HeldOutReference of(FeatureMatrix features) {
        return of(features, FeatureStatistics.of(features));
    }

    public static HeldOutReference of(FeatureMatrix features, FeatureStatistics statistics) {
        return new HeldOutReference(features, statistics, FrechetDistance.against(statistics),
                ManifoldEstimate.of(features), new KernelInceptionDistance.Reference(features));
    }

    public int size() {
        return features.rows();
    }
}
